"""Is this page only a preview? Paywalls and script-rendered pages leave a teaser behind.

Summarising a teaser would look like a summary of the article while missing most of it, so a
short text on a page that says it is locked (structured data's ``isAccessibleForFree``,
``article:content_tier``, a "subscribe to continue reading" prompt) or that renders its text
with JavaScript
is refused with a request to paste the text instead.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from bot.ingest.metadata import PageMetadata

TEASER_WORDS = 150
"""A locked page whose extracted text is shorter than this is taken to be only its teaser."""
SCRIPT_ONLY_WORDS = 60
"""A page with less visible text than this and a JavaScript app shell was never rendered."""

# Only prompts that say the rest of *this* article is locked: "Already a subscriber? Log in" and
# "Subscribe to our newsletter" sit in the header of every page of a subscription site, and a
# "paywall" CSS class is on plenty of free articles, so neither counts.
_PAYWALL_PROMPTS = re.compile(
    r"subscribe to (?:continue|keep) reading|subscribe to read (?:the|this|more)|"
    r"continue reading with (?:a|your) (?:subscription|account)|"
    r"to continue reading,? (?:please )?(?:subscribe|log ?in|sign ?in|register)|"
    r"this (?:article|story) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members)|"
    r"subscribers only|exklusiv für abonnenten|artikel ist exklusiv|mit (?:z\+|plus|abo) lesen|"
    r"réservé aux abonnés|la suite est réservée|article réservé",
    re.IGNORECASE,
)
_JS_PROMPT = re.compile(
    r"enable javascript|javascript is (?:disabled|required)|requires javascript|"
    r"turn on javascript|javascript aktivieren",
    re.IGNORECASE,
)
_APP_ROOT_IDS = frozenset({"root", "app", "__next", "__nuxt", "svelte", "ember-app"})


def is_preview(metadata: PageMetadata, tree: HtmlElement, text: str) -> bool:
    """Whether ``text`` (what extraction found) is only the preview of a locked or JS page."""
    words = len(text.split())
    if words < SCRIPT_ONLY_WORDS and _is_script_shell(tree):
        return True
    return words < TEASER_WORDS and _declares_paywall(metadata, tree)


def _declares_paywall(metadata: PageMetadata, tree: HtmlElement) -> bool:
    for item in (*metadata.structured, *metadata.other_structured):
        if _locked(item.get("isAccessibleForFree")):
            return True
        parts = item.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict) and _locked(part.get("isAccessibleForFree")):
                return True
    if metadata.first_meta("article:content_tier").lower() == "locked":
        return True
    visible = " ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    return bool(_PAYWALL_PROMPTS.search(visible))


def _locked(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _is_script_shell(tree: HtmlElement) -> bool:
    """An app shell: an empty mount point or a "please enable JavaScript" notice, plus scripts."""
    if not tree.xpath("//script"):
        return False
    for noscript in tree.iter("noscript"):
        if _JS_PROMPT.search(noscript.text_content()):
            return True
    return any(
        (element.get("id") or "").lower() in _APP_ROOT_IDS and not element.text_content().strip()
        for element in tree.iter("div", "main")
    )

"""Ten news stories written for these tests, five articles each, built from templates.

Each story has its own people and places, but stories also share things on purpose: three
happen in Berlin, two are about trains, one minister is quoted in two of them. Grouping must
see through those overlaps. Articles of one story are told in different orders and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.models import Analysis, Article, Quote, Speaker, SummarySentence


@dataclass(frozen=True)
class Written:
    """One test article with its analysis, shaped like ``bot.service.AnalysisResult``."""

    article_id: int
    article: Article
    analysis: Analysis
    submitted_at: datetime
    story: str
    cached: bool = False


@dataclass(frozen=True)
class StoryTemplate:
    key: str
    titles: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    """Each fact in two wordings; articles alternate between them."""
    quotes: tuple[tuple[str, str], ...]
    """(speaker, quote) pairs."""
    roles: dict[str, str]


STORIES: tuple[StoryTemplate, ...] = (
    StoryTemplate(
        key="tram",
        titles=(
            "Berlin approves tram expansion to Spandau",
            "City council backs new tram line to Spandau",
            "Spandau to get tram link after council vote",
            "Berlin tram network will grow by 14 kilometres",
            "Vogt wins vote on Spandau tram extension",
        ),
        facts=(
            (
                "Berlin's city council approved a 14-kilometre tram extension to Spandau.",
                "The council in Berlin voted for a tram extension of 14 kilometres to Spandau.",
            ),
            (
                "The tram line will cost 480 million euros and open in 2031.",
                "Construction of the tram link is budgeted at 480 million euros, opening in 2031.",
            ),
            (
                "Residents of Spandau have waited decades for a tram connection.",
                "For decades Spandau residents campaigned for a tram connection to the centre.",
            ),
            (
                "Opposition councillors said the tram budget was unrealistic.",
                "Critics in the council called the tram budget unrealistic.",
            ),
            (
                "The vote passed with 88 councillors in favour and 51 against.",
                "Eighty-eight councillors backed the tram plan while 51 opposed it.",
            ),
            (
                "Mayor Lena Vogt had made the tram extension a campaign promise.",
                "The Spandau tram was a campaign promise of Mayor Lena Vogt.",
            ),
        ),
        quotes=(
            ("Lena Vogt", "Spandau has waited long enough for a tram, and today we deliver it"),
            ("Tobias Brandt", "Every kilometre of tram track takes thousands of cars off the road"),
        ),
        roles={"Lena Vogt": "the mayor", "Tobias Brandt": "the transport senator"},
    ),
    StoryTemplate(
        key="marathon",
        titles=(
            "Okafor breaks course record at Berlin Marathon",
            "Record falls in Berlin as Amara Okafor wins marathon",
            "Amara Okafor runs fastest time ever seen in Berlin",
            "Berlin Marathon: Okafor storms to victory in record time",
            "Kenyan-born Okafor sets marathon mark in Berlin",
        ),
        facts=(
            (
                "Amara Okafor won the Berlin Marathon in two hours, one minute and nine seconds.",
                "Okafor crossed the marathon finish line in Berlin after 2:01:09.",
            ),
            (
                "The time is a new course record for the marathon.",
                "No runner had ever finished the course faster.",
            ),
            (
                "Okafor pulled away from the leading group after 30 kilometres.",
                "After 30 kilometres the runner left the leading pack behind.",
            ),
            (
                "More than 45,000 runners started the race near the Brandenburg Gate.",
                "The marathon field of 45,000 runners set off near the Brandenburg Gate.",
            ),
            (
                "Cool weather and a flat course helped the runners.",
                "Runners enjoyed cool temperatures on the flat marathon course.",
            ),
            (
                "Okafor earned a bonus of 50,000 euros for the record.",
                "The record brings the runner a bonus of 50,000 euros.",
            ),
        ),
        quotes=(
            ("Amara Okafor", "I felt the record was possible when the crowd started singing"),
            (
                "Peter Hahn",
                "We have never seen a marathon runner this strong in the last kilometres",
            ),
        ),
        roles={"Amara Okafor": "the winner", "Peter Hahn": "the race director"},
    ),
    StoryTemplate(
        key="rail-strike",
        titles=(
            "French rail workers strike over pensions",
            "Trains cancelled across France as rail unions walk out",
            "SNCF strike leaves commuters stranded in Paris",
            "Rail strike halts most French trains",
            "Dubois vows to continue French rail strike",
        ),
        facts=(
            (
                "Rail workers in France began a 48-hour strike against pension changes.",
                "A two-day strike by French rail workers over pensions started on Tuesday.",
            ),
            (
                "SNCF cancelled four in five high-speed trains.",
                "Four out of five high-speed trains were cancelled by SNCF.",
            ),
            (
                "Commuters in Paris crowded onto the few suburban trains still running.",
                "Packed suburban trains carried stranded commuters around Paris.",
            ),
            (
                "The unions oppose raising the rail pension age to 64.",
                "Unions reject the plan to lift the pension age of rail staff to 64.",
            ),
            (
                "The transport ministry said talks with the unions would resume on Friday.",
                "Negotiations between the ministry and rail unions are due to restart Friday.",
            ),
            (
                "Eurostar services to London were also affected by the strike.",
                "The walkout also disrupted Eurostar trains to London.",
            ),
        ),
        quotes=(
            (
                "Claire Dubois",
                "We will stop the trains for as long as the government refuses to listen",
            ),
            ("Antoine Mercier", "This strike punishes the commuters who have no other way to work"),
        ),
        roles={"Claire Dubois": "the union leader", "Antoine Mercier": "the transport minister"},
    ),
    StoryTemplate(
        key="rates",
        titles=(
            "Eurozone Central Bank raises interest rates again",
            "ECB lifts rates to fight stubborn inflation",
            "Marquez signals more rate rises after ECB decision",
            "Borrowing costs climb as central bank raises rates",
            "Central bank in Frankfurt increases key rate to 4.5 percent",
        ),
        facts=(
            (
                "The Eurozone Central Bank raised its key interest rate to 4.5 percent.",
                "In Frankfurt, the central bank lifted its main rate to 4.5 percent.",
            ),
            (
                "Inflation in the euro area stood at 5.1 percent last month.",
                "Consumer prices in the euro area rose 5.1 percent over the past year.",
            ),
            (
                "It is the ninth rate increase in a row.",
                "The bank has now raised rates at nine meetings in a row.",
            ),
            (
                "Mortgage holders face higher monthly payments as a result.",
                "Households with variable mortgages will pay more each month.",
            ),
            (
                "Bank president Elena Marquez said further rises could not be ruled out.",
                "Elena Marquez, the bank's president, did not rule out more rises.",
            ),
            (
                "The euro rose against the dollar after the decision.",
                "Markets pushed the euro higher against the dollar.",
            ),
        ),
        quotes=(
            ("Elena Marquez", "Inflation is still far too high and we will not stop halfway"),
            ("Karl Weber", "Higher rates are painful but necessary to protect savings"),
        ),
        roles={"Elena Marquez": "the bank's president", "Karl Weber": "the finance minister"},
    ),
    StoryTemplate(
        key="floods",
        titles=(
            "Floods sweep through Valencia after record rainfall",
            "Valencia counts the damage after flash floods",
            "Spain sends soldiers to flooded Valencia region",
            "Heavy rain turns Valencia streets into rivers",
            "Ortega declares emergency as floods hit Valencia",
        ),
        facts=(
            (
                "Flash floods hit the Valencia region after a year's rain fell in eight hours.",
                "Eight hours of torrential rain brought flash floods to the region of Valencia.",
            ),
            (
                "At least 12 people died and dozens are missing.",
                "Twelve people were killed and dozens more are reported missing.",
            ),
            (
                "Spain deployed 1,200 soldiers to help with rescue work.",
                "The Spanish government sent 1,200 troops to join the rescue effort.",
            ),
            (
                "Cars were swept away in the streets of Paiporta.",
                "In Paiporta the flood water carried away parked cars.",
            ),
            (
                "Regional president Javier Ortega declared a state of emergency.",
                "A state of emergency was declared by Javier Ortega, the regional president.",
            ),
            (
                "Forecasters warned that more storms could follow.",
                "Weather services expect further storms over Valencia.",
            ),
        ),
        quotes=(
            ("Javier Ortega", "The water came faster than anyone could have imagined"),
            ("Lucia Serrano", "We lost everything in ten minutes, the whole ground floor"),
        ),
        roles={"Javier Ortega": "the regional president", "Lucia Serrano": "a resident"},
    ),
    StoryTemplate(
        key="layoffs",
        titles=(
            "Nordlicht Systems to cut 3,000 jobs",
            "Hamburg software firm Nordlicht announces layoffs",
            "Nordlicht Systems shares jump on restructuring plan",
            "Berg defends Nordlicht job cuts",
            "Nordlicht will close two offices and cut staff",
        ),
        facts=(
            (
                "Nordlicht Systems will cut 3,000 jobs, about a tenth of its workforce.",
                "The Hamburg company Nordlicht Systems plans to shed 3,000 jobs, a tenth of staff.",
            ),
            (
                "The software maker will close offices in Leipzig and Bremen.",
                "Offices in Leipzig and Bremen will be shut as part of the plan.",
            ),
            (
                "Nordlicht shares rose 8 percent on the news.",
                "Investors sent Nordlicht shares up by 8 percent.",
            ),
            (
                "The company blamed weaker demand for its logistics software.",
                "Nordlicht said demand for its logistics software had weakened.",
            ),
            (
                "Chief executive Jonas Berg said the cuts would save 400 million euros a year.",
                "Jonas Berg, the chief executive, expects savings of 400 million euros a year.",
            ),
            (
                "Works council representatives promised to fight the layoffs.",
                "The works council vowed to resist the job cuts.",
            ),
        ),
        quotes=(
            ("Jonas Berg", "These are painful decisions, but they keep Nordlicht independent"),
            (
                "Karl Weber",
                "I expect Nordlicht to treat its workers fairly during the restructuring",
            ),
        ),
        roles={"Jonas Berg": "the chief executive", "Karl Weber": "the finance minister"},
    ),
    StoryTemplate(
        key="wildfire",
        titles=(
            "Wildfire forces thousands to flee in Sonoma County",
            "California wildfire grows to 20,000 acres",
            "Evacuations ordered as Sonoma fire spreads",
            "Firefighters battle wind-driven blaze in California",
            "Lopez warns Sonoma fire is far from contained",
        ),
        facts=(
            (
                "A wildfire in Sonoma County, California, has burned 20,000 acres.",
                "The blaze in California's Sonoma County has spread across 20,000 acres.",
            ),
            (
                "About 15,000 residents were ordered to evacuate.",
                "Evacuation orders cover some 15,000 people.",
            ),
            (
                "Strong winds pushed the fire towards the town of Healdsburg.",
                "Gusty winds drove the flames in the direction of Healdsburg.",
            ),
            (
                "The fire is ten percent contained.",
                "Crews have contained only a tenth of the fire.",
            ),
            (
                "More than 1,100 firefighters are working on the blaze.",
                "Over 1,100 firefighters have been sent to fight the fire.",
            ),
            (
                "Fire chief Maria Lopez said the next two days would be critical.",
                "Maria Lopez, the fire chief, called the coming two days critical.",
            ),
        ),
        quotes=(
            (
                "Maria Lopez",
                "If the wind turns tonight, the fire will reach the vineyards by morning",
            ),
            ("Daniel Reyes", "We grabbed the dog and the photos and drove through the smoke"),
        ),
        roles={"Maria Lopez": "the fire chief", "Daniel Reyes": "a resident"},
    ),
    StoryTemplate(
        key="election",
        titles=(
            "Nowak leads as Poland votes in presidential election",
            "Polish election heads to runoff",
            "Exit polls put Tomasz Nowak ahead in Poland",
            "Record turnout in Polish presidential vote",
            "Warsaw mayor Nowak and Zielinska face runoff",
        ),
        facts=(
            (
                "Tomasz Nowak won 41 percent in the first round of Poland's presidential election.",
                "In Poland's presidential vote, Tomasz Nowak took 41 percent in round one.",
            ),
            (
                "He will face Agnieszka Zielinska, who won 34 percent, in a runoff.",
                "A runoff against Agnieszka Zielinska, on 34 percent, follows in two weeks.",
            ),
            (
                "Turnout reached a record 68 percent.",
                "A record 68 percent of voters cast a ballot.",
            ),
            (
                "Nowak is the current mayor of Warsaw.",
                "The frontrunner has been mayor of Warsaw since 2018.",
            ),
            (
                "The runoff will be held in two weeks.",
                "Voters return to the polls for the second round in two weeks.",
            ),
            (
                "The campaign focused on housing costs and defence.",
                "Housing costs and defence dominated the election campaign.",
            ),
        ),
        quotes=(
            ("Tomasz Nowak", "Poland has chosen hope, and in two weeks we will finish the job"),
            ("Agnieszka Zielinska", "The runoff is a new election and we start it as equals"),
        ),
        roles={"Tomasz Nowak": "the mayor of Warsaw", "Agnieszka Zielinska": "the challenger"},
    ),
    StoryTemplate(
        key="comet",
        titles=(
            "Astronomers discover comet from outside the solar system",
            "Interstellar comet spotted by Chilean observatory",
            "Raman's team finds visitor from another star",
            "New interstellar comet will pass Earth next year",
            "Atacama telescope catches rare interstellar comet",
        ),
        facts=(
            (
                "Astronomers at the Atacama observatory in Chile discovered an interstellar comet.",
                "An interstellar comet was found by astronomers at Chile's Atacama observatory.",
            ),
            (
                "It is only the third object known to come from another star system.",
                "Only two interstellar objects had been seen before this comet.",
            ),
            (
                "The comet is travelling at 58 kilometres per second.",
                "Its speed was measured at 58 kilometres a second.",
            ),
            (
                "It will pass closest to the Sun next June.",
                "The comet reaches its closest point to the Sun in June.",
            ),
            (
                "Dr Priya Raman led the team that spotted the comet.",
                "The discovery team was led by astronomer Priya Raman.",
            ),
            (
                "Telescopes around the world will now study its chemistry.",
                "Observatories worldwide plan to measure the comet's chemistry.",
            ),
        ),
        quotes=(
            (
                "Priya Raman",
                "This comet carries ice that formed around a completely different star",
            ),
            ("Henrik Sol", "We may learn more from this visitor than from a hundred local comets"),
        ),
        roles={"Priya Raman": "the astronomer", "Henrik Sol": "a planetary scientist"},
    ),
    StoryTemplate(
        key="cup-final",
        titles=(
            "FC Rheinstadt win cup final in Berlin",
            "Rheinstadt beat Olympia Nord 2-1 to lift the cup",
            "Late goal settles cup final at Olympic Stadium",
            "Rossi's Rheinstadt claim first cup in 30 years",
            "Cup final: Rheinstadt edge Olympia Nord",
        ),
        facts=(
            (
                "FC Rheinstadt beat Olympia Nord 2-1 in the cup final at Berlin's Olympic Stadium.",
                "At the Olympic Stadium in Berlin, FC Rheinstadt defeated Olympia Nord 2-1.",
            ),
            (
                "Striker Jan Kessler scored the winning goal in the 88th minute.",
                "Jan Kessler headed in the winner two minutes from time.",
            ),
            (
                "It is the club's first cup title in 30 years.",
                "Rheinstadt had not won the cup for three decades.",
            ),
            (
                "Olympia Nord had equalised shortly after half-time.",
                "Early in the second half Olympia Nord drew level.",
            ),
            (
                "The final was watched by 74,000 fans in the stadium.",
                "A crowd of 74,000 filled the stadium for the final.",
            ),
            (
                "Coach Marco Rossi was thrown into the air by his players.",
                "Players tossed coach Marco Rossi into the air after the whistle.",
            ),
        ),
        quotes=(
            (
                "Marco Rossi",
                "This cup belongs to the fans who stayed with us through the bad years",
            ),
            ("Jan Kessler", "I just closed my eyes and headed it, I still cannot believe it"),
        ),
        roles={"Marco Rossi": "the coach", "Jan Kessler": "the striker"},
    ),
)

OUTLETS = ("Daily Ledger", "Morning Post", "City Wire", "The Observer Online", "News Today")
ORDER = ((0, 1, 2, 3), (0, 4, 2, 5), (5, 0, 3, 1), (0, 2, 4, 3), (4, 0, 1, 5))
"""Which facts each of a story's five articles tells, in which order; the lede varies too."""


def write_article(
    template: StoryTemplate, variant: int, submitted_at: datetime, article_id: int
) -> Written:
    """One article of a story: a lede, three more facts and one or two quotes, analyzed."""
    wording = variant % 2
    facts = [template.facts[i][(wording + i) % 2] for i in ORDER[variant]]
    quoted = [template.quotes[variant % 2]] + ([template.quotes[1 - variant % 2]] * (variant < 2))
    sentences = list(facts[:2])
    for speaker, line in quoted:
        sentences.append(f"“{line},” said {speaker}, {template.roles[speaker]}.")
    sentences.extend(facts[2:])
    text = " ".join(sentences)
    summary = []
    for index, sentence in enumerate(sentences):
        if sentence.startswith("“") or len(summary) == 3:
            continue
        start = text.index(sentence)
        summary.append(SummarySentence(sentence, start, start + len(sentence), index))
    quotes = []
    speakers = []
    for speaker, line in quoted:
        start = text.index(line)
        quotes.append(
            Quote(line, start, start + len(line), "direct", speaker, speaker, "said", 0.9)
        )
        speakers.append(
            Speaker(
                speaker,
                (speaker.split()[-1],),
                template.roles[speaker],
                "person",
                (len(quotes) - 1,),
            )
        )
    title = template.titles[variant]
    slug = title.lower().replace(" ", "-").replace(",", "").replace(":", "")
    url = f"https://{OUTLETS[variant].lower().replace(' ', '')}.example/{template.key}/{slug}"
    article = Article(
        text=text, title=title, url=url, canonical_url=url, site_name=OUTLETS[variant], source="url"
    )
    analysis = Analysis(
        title=title,
        url=url,
        summary=tuple(summary),
        quotes=tuple(quotes),
        speakers=tuple(speakers),
        key_quotes=tuple(range(len(quotes))),
        word_count=len(text.split()),
        text=text,
    )
    return Written(article_id, article, analysis, submitted_at, template.key)


def write_window(end: datetime, stories: int = 10, per_story: int = 5) -> list[Written]:
    """``stories`` x ``per_story`` articles submitted over the 24 hours before ``end``.

    Story k's articles arrive interleaved with the others', newest stories last, so that
    recency matters in ranking and the input order says nothing about the grouping.
    """
    articles = []
    for variant in range(per_story):
        for k, template in enumerate(STORIES[:stories]):
            minutes = 60 + variant * 240 + k * 12
            submitted = end - timedelta(hours=24) + timedelta(minutes=minutes)
            articles.append(write_article(template, variant, submitted, len(articles) + 1))
    return articles

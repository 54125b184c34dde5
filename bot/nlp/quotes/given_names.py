"""The gender a common English given name states: Donald is a man, Michelle a woman.

Why: pronouns and honorifics alone let a run of "she said" about one woman vote a wrong gender
onto a man merely named in the background, and let "Michelle Obama" join the cluster of an
earlier "Mr. Obama". A given name is evidence the article states itself.

The lists are our own: common given names in English-language news that are used for one
gender far more than the other. Names used for both (Jordan, Taylor, Leslie, Kelly, Robin,
Dana, Jamie, Pat, Chris, …) are left out on purpose, so an unlisted name says nothing.
"""

from __future__ import annotations

_FEMALE = frozenset(
    """
    abigail ada adriana agnes aisha alexandra alice alicia alison allison amanda amber amelia
    amy ana anastasia andrea angela angelina angelica anita ann anna anne annette antoinette april
    audrey barbara beatrice becky belinda bernadette beth bethany betsy betty beverly bonnie brenda
    bridget brittany camila candace cara carla carly carmen carol carolina caroline carolyn
    cassandra catherine cecilia charlotte cheryl chloe christina christine cindy claire clara
    claudia colleen condoleezza connie courtney crystal cynthia daisy danielle daphne darlene
    dawn deborah debbie debra denise diana diane dianne dolores donna doris dorothy edith eileen
    elaine eleanor elena elisa elise eliza elizabeth ella ellen eloise emily emma erica erika erin
    esther eva eve evelyn fatima felicia fiona florence frances gabriela gabrielle gail geraldine
    gina gloria grace gretchen gwen hannah harriet heather heidi helen helena hillary holly hope
    huma ida ingrid irene iris isabel isabella ivanka jacqueline jane janet janice jasmine jeanne
    jeannie jennifer jenny jessica jill joan joanna joanne jocelyn josephine joy joyce judith judy
    julia julie juliet june karen karin katherine kathleen kathryn kathy katie katrina kay kayla
    kellyanne kimberly kirsten kristen kristin laura lauren leah linda lindsay lisa liz lois
    loretta lorraine louise lucia lucy lydia madeleine madeline maggie mallory marcia
    margaret margarita maria marian marianne marie marilyn marina marsha martha mary maureen
    maxine megan megyn melania melanie melinda melissa meredith mia michele michelle mildred miranda
    molly monica nadia nancy naomi natalie natasha nicole nikki nina nora olga olivia pamela
    patricia
    paula pauline peggy penelope phyllis priscilla rachel rebecca regina renee rhonda rita roberta
    rosa rosalind rose rosemary ruth sabrina sally samantha sandra sara sarah sharon sheila shirley
    silvia sofia sonia sophia sophie stacey stephanie sue susan susanne suzanne sylvia tamara
    tammy tanya teresa theresa tiffany tina ursula valerie vanessa vera veronica victoria
    virginia vivian wanda wendy whitney yolanda yvonne zoe
    """.split()  # noqa: SIM905
)

_MALE = frozenset(
    """
    aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alexander alfred allen
    alvin andre andrew andy angelo anthony antonio arnold arthur barack barry ben benjamin bernard
    bernie bill billy bob bobby boris brad bradley brandon brent brett brian bruce bryan calvin carl
    carlos cesar charles charlie chuck clarence claude clifford clint clyde colin craig curtis
    dan daniel danny darrell darren dave david dennis derek dick diego dmitri don donald doug
    douglas
    duncan dustin dwayne dwight earl ed eddie edgar edward eduardo elijah elliot emmanuel eric erik
    ernest eugene evan felix fernando francis francisco frank franklin fred frederick gabriel gary
    gavin gene george gerald gilbert glenn gordon graham greg gregory gustavo hank harold harry
    harvey hector henry herbert howard hugh hugo ian isaac ivan jack jacob jake james jared jason
    javier jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan
    jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kurt kyle lamar
    lance larry lawrence leon leonard lewis lloyd louis luis luke malcolm manuel marco
    marcus mario mark martin marvin matt matthew maurice max michael miguel mike mitch mitchell
    mohammed muhammad nathan neil newt nicholas nick norman oliver omar oscar otis patrick paul
    pedro peter phil philip pierre rafael ralph ramon randy raul ray raymond reggie reince
    rex ricardo richard rick ricky rob robert roberto rod roger roland ron ronald ross roy rudy
    russell ryan salvador samuel scott sean sergei sergio seth shane simon stanley
    stephen steve steven stuart ted theodore thomas tim timothy todd tom tommy tony travis
    trevor troy tyler victor vincent vladimir wallace walter warren wayne wesley willard william
    willie xavier zachary
    """.split()  # noqa: SIM905
)


def given_name_gender(full_name: str) -> str | None:
    """ "male" or "female" when the name's first word is a listed given name, else None.

    Only a first word followed by more words is a given name ("Donald Trump"); a lone word may
    be a surname ("Warren said").
    """
    words = full_name.split()
    if len(words) < 2:
        return None
    first = words[0].lower().rstrip(".")
    if first in _FEMALE:
        return "female"
    if first in _MALE:
        return "male"
    return None

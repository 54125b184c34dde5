"""Who said what: one test per attribution form, each on a few sentences of news prose."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from bot.models import Quote, Speaker
from bot.nlp.quotes import extract_quotes
from bot.nlp.quotes.cues import speaker_of


def quotes_of(nlp: Language, text: str) -> tuple[list[Quote], list[Speaker]]:
    return extract_quotes(nlp(text))


def said(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(quote text, speaker) for every quote that is not ``other``."""
    quotes, _ = quotes_of(nlp, text)
    return [(q.text, q.speaker) for q in quotes if q.kind != "other"]


def test_speaker_before_the_quote(nlp: Language) -> None:
    text = "Anna Lindqvist spoke on Monday.\n\nAnna Lindqvist said, “We will cut taxes next year.”"
    assert said(nlp, text) == [("We will cut taxes next year.", "Anna Lindqvist")]


def test_speaker_after_the_quote(nlp: Language) -> None:
    text = "“We will cut taxes next year,” Anna Lindqvist said."
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.speaker, q.kind, q.cue) for q in quotes] == [
        ("We will cut taxes next year,", "Anna Lindqvist", "direct", "said")
    ]
    assert quotes[0].start == text.index("We will") and quotes[0].end == text.index("”")


def test_inverted_said_with_appositive_gives_name_and_role(nlp: Language) -> None:
    text = "“We will cut taxes next year,” said Anna Lindqvist, the finance minister of Sweden."
    quotes, speakers = quotes_of(nlp, text)
    assert quotes[0].speaker == "Anna Lindqvist"
    assert speakers[0].name == "Anna Lindqvist"
    assert speakers[0].role == "the finance minister of Sweden"


def test_colon_introduction_with_honorific(nlp: Language) -> None:
    text = (
        "Grace Okafor leads the opposition.\n\n"
        "But Ms. Okafor added: “The plan is a mistake and voters know it.”"
    )
    quotes, _ = quotes_of(nlp, text)
    assert (quotes[0].speaker, quotes[0].mention) == ("Grace Okafor", "Ms. Okafor")


def test_according_to(nlp: Language) -> None:
    text = "The budget is “a disaster in the making,” according to Peter Brandt."
    quotes, _ = quotes_of(nlp, text)
    assert (quotes[0].speaker, quotes[0].cue) == ("Peter Brandt", "according to")


def test_noun_cue_names_the_owner_of_the_warning(nlp: Language) -> None:
    text = (
        "Peter Brandt spoke on Monday. "
        "Brandt’s warning that “the deficit will explode” was ignored."
    )
    assert said(nlp, text) == [("the deficit will explode", "Peter Brandt")]


def test_quote_opening_the_article_attributed_by_the_next_sentence(nlp: Language) -> None:
    text = (
        "“We are not going to raise taxes this year.” "
        "That was the verdict of Anna Lindqvist on Monday."
    )
    assert said(nlp, text) == [("We are not going to raise taxes this year.", "Anna Lindqvist")]


def test_interrupted_quote_keeps_its_speaker(nlp: Language) -> None:
    text = "“We will cut taxes,” Anna Lindqvist said. “And we will do it this year.”"
    assert said(nlp, text) == [
        ("We will cut taxes,", "Anna Lindqvist"),
        ("And we will do it this year.", "Anna Lindqvist"),
    ]


def test_quote_paragraph_without_cue_continues_the_previous_speaker(nlp: Language) -> None:
    text = (
        "“We will cut taxes,” said Peter Brandt, the mayor.\n\n"
        "“Nobody should doubt it. The money is there.”"
    )
    assert said(nlp, text)[1] == ("Nobody should doubt it. The money is there.", "Peter Brandt")


def test_multi_paragraph_quote_reopened_per_paragraph(nlp: Language) -> None:
    text = (
        "Peter Brandt went on:\n\n"
        "“The money is gone. Nobody will say where it went.\n\n"
        "“We will find out, and soon.”"
    )
    assert said(nlp, text) == [
        ("The money is gone. Nobody will say where it went.", "Peter Brandt"),
        ("We will find out, and soon.", "Peter Brandt"),
    ]


def test_nested_quote_stays_in_one_quote(nlp: Language) -> None:
    text = "“He told me ‘never again’ and I believed him,” said Peter Brandt."
    assert said(nlp, text) == [("He told me ‘never again’ and I believed him,", "Peter Brandt")]


def test_two_apostrophe_closer(nlp: Language) -> None:
    text = "''We will win the vote,’’ Peter Brandt said. ''It is not close,'' he added."
    assert said(nlp, text) == [
        ("We will win the vote,", "Peter Brandt"),
        ("It is not close,", "Peter Brandt"),
    ]


def test_possessive_apostrophes_do_not_make_quotes(nlp: Language) -> None:
    text = "The miners' union and the voters’ anger are “very real,” Peter Brandt said."
    assert said(nlp, text) == [("very real,", "Peter Brandt")]


def test_pronoun_goes_to_the_salient_person_past_a_distractor(nlp: Language) -> None:
    text = (
        "Mr. Brandt arrived early on Monday.\n\n"
        "He greeted the minister, Tom Jones, at the door. “Where is the money?” he asked."
    )
    quotes, _ = quotes_of(nlp, text)
    assert (quotes[0].speaker, quotes[0].mention) == ("Brandt", "he")


def test_pronoun_gender_from_honorific_skips_the_other_person(nlp: Language) -> None:
    text = (
        "Ms. Okafor met Mr. Brandt in the capital on Tuesday.\n\n“The talks went well,” she said."
    )
    assert said(nlp, text) == [("The talks went well,", "Okafor")]


def test_unresolvable_pronoun_is_unknown_not_guessed(nlp: Language) -> None:
    quotes, speakers = quotes_of(nlp, "“It is over now,” she said.")
    assert (quotes[0].speaker, quotes[0].mention, quotes[0].kind) == (None, "she", "direct")
    assert speakers == []


def test_organisation_as_speaker(nlp: Language) -> None:
    text = "“We have no plans to close the base,” the Pentagon said in a statement."
    quotes, speakers = quotes_of(nlp, text)
    assert quotes[0].speaker == "Pentagon"
    assert (speakers[0].name, speakers[0].kind) == ("Pentagon", "organization")


def test_partial_quote_has_a_speaker_and_scare_quote_has_none(nlp: Language) -> None:
    text = (
        "Peter Brandt called the plan a “costly detour” on Monday. "
        "The so-called “reform package” passed anyway."
    )
    quotes, speakers = quotes_of(nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("costly detour", "partial", "Peter Brandt"),
        ("reform package", "other", None),
    ]
    assert speakers[0].quote_indices == (0,)


def test_title_in_quotes_is_other(nlp: Language) -> None:
    text = "The film “The Long Way Home” opens on Friday in forty cities."
    quotes, _ = quotes_of(nlp, text)
    assert [(q.kind, q.speaker) for q in quotes] == [("other", None)]


def test_transcript_labels_name_the_speaker(nlp: Language) -> None:
    text = (
        "A partial transcript follows.\n\n"
        '"HOST: Will you run again?\n\n'
        '"LINDQVIST: Not this time, no."'
    )
    speakers = [speaker for _, speaker in said(nlp, text)]
    assert speakers == ["HOST", "LINDQVIST"]


def test_article_with_odd_marks_does_not_fail(nlp: Language) -> None:
    text = "He said “this never ends.\n\n\"The vote is “close,” Brandt said. '' ” \" ’"
    quotes, _ = quotes_of(nlp, text)
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)


def test_reporting_verb_governing_the_quote_beats_an_embedded_one(nlp: Language) -> None:
    text = "Peter Brandt said that Anna Lindqvist once described the deal as “a fair bargain.”"
    assert said(nlp, text) == [("a fair bargain.", "Peter Brandt")]


def test_name_someone_was_called_is_a_partial_quote(nlp: Language) -> None:
    text = "Peter Brandt called the minister “Madam Budget” during the debate."
    quotes, _ = quotes_of(nlp, text)
    assert [(q.kind, q.speaker) for q in quotes] == [("partial", "Peter Brandt")]


def test_person_asked_a_question_is_not_the_speaker(nlp: Language) -> None:
    text = "Anna Lindqvist was asked whether the plan was “a costly detour” by reporters."
    quotes, _ = quotes_of(nlp, text)
    assert quotes[0].speaker != "Anna Lindqvist"


def test_single_quoted_subheading_is_not_a_quote(nlp: Language) -> None:
    text = (
        "“We will cut taxes,” Anna Lindqvist said.\n\n"
        "'A Long Road Ahead.'\n\n"
        "The debate resumed on Tuesday."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.kind) for q in quotes][1] == ("A Long Road Ahead.", "other")


def test_pronoun_does_not_reach_across_a_live_blog_break(nlp: Language) -> None:
    text = (
        "Peter Brandt spoke in the morning. He said the vote was close.\n\n"
        "___.\n\n"
        "5:45 p.m.\n\n"
        "“We are ready for the result,” he said."
    )
    quotes, _ = quotes_of(nlp, text)
    assert quotes[0].speaker is None


def test_it_said_goes_to_the_organisation_just_named(nlp: Language) -> None:
    text = (
        "The Pentagon released a statement on Friday about the base.\n\n"
        "“We have no plans to close it,” it said."
    )
    quotes, _ = quotes_of(nlp, text)
    assert (quotes[0].speaker, quotes[0].mention) == ("Pentagon", "it")


def test_trailing_cue_takes_its_named_subject_not_the_first_chunk(nlp: Language) -> None:
    text = '"There is a sense of calm now," and donations began to pick up, Gilbert said.'
    assert said(nlp, text) == [("There is a sense of calm now,", "Gilbert")]


def test_headline_label_the_parser_took_for_a_noun_names_the_speaker(nlp: Language) -> None:
    text = "Reid: 'Never, ever underestimate Trump.'\n\nSenator Harry Reid spoke on Monday."
    assert said(nlp, text) == [("Never, ever underestimate Trump.", "Harry Reid")]


def test_quote_signed_with_a_dash_and_a_name(nlp: Language) -> None:
    text = (
        "Readers wrote to us about the debate.\n\n"
        "“He does not answer a question without scaring people first.” ― Esther Tapia\n\n"
        "“The most unqualified candidate ever to run.”― Carla Sanchez."
    )
    assert said(nlp, text) == [
        ("He does not answer a question without scaring people first.", "Esther Tapia"),
        ("The most unqualified candidate ever to run.", "Carla Sanchez"),
    ]


def test_gerund_after_a_preposition_reports_for_the_main_subject(nlp: Language) -> None:
    text = "Peter Brandt ended the meeting by saying “we will find the money.”"
    assert said(nlp, text) == [("we will find the money.", "Peter Brandt")]


def test_pronoun_gender_from_the_full_name_outweighs_a_shared_surname(nlp: Language) -> None:
    text = (
        "Keith Scott was shot by police on Tuesday. The city has been tense since.\n\n"
        "Rakeyia Scott filmed the shooting on her phone.\n\n"
        "Police say Scott had a gun. He was sitting in his car. Scott did not get out. "
        "He was shot. Scott died in hospital. He was 43.\n\n"
        "The video is shaky. The camera points at the ground. Officers shout at the car. "
        "“Don't shoot him,” she says."
    )
    assert said(nlp, text) == [("Don't shoot him,", "Rakeyia Scott")]


def test_short_closing_clause_attributes_a_whole_quote_whatever_its_verb(nlp: Language) -> None:
    text = (
        "Peter Brandt said the city had lost its way.\n\n"
        "“The city will always be the city,” an angry Anna Lindqvist retaliated."
    )
    assert said(nlp, text)[-1] == ("The city will always be the city,", "Anna Lindqvist")


def test_clause_after_a_quote_with_an_object_subject_is_no_attribution(nlp: Language) -> None:
    text = (
        "Peter Brandt spoke at the rally.\n\n"
        "She kept saying, “Don't you do it,” until gunshots rang out. Anna Lindqvist wept."
    )
    assert said(nlp, text)[-1][1] != "gunshots"


def test_live_blog_time_stamp_is_not_the_subject_of_the_cue_below_it(nlp: Language) -> None:
    """The parser hangs "12:15 p.m." on the verb below it as a second subject only in long
    live blogs, so this parse is written out by hand."""
    words = ["12:15", "p.m.", "\n\n", "Peter", "Brandt", "says", "it", "works", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, False, False, True, True, True, True, False, False],
        heads=[1, 5, 1, 4, 5, 5, 7, 5, 5],
        deps=["nummod", "nsubj", "dep", "compound", "nsubj", "ROOT", "nsubj", "ccomp", "punct"],
        pos=["NUM", "ADP", "SPACE", "PROPN", "PROPN", "VERB", "PRON", "VERB", "PUNCT"],
        lemmas=["12:15", "p.m.", "\n\n", "Peter", "Brandt", "say", "it", "work", "."],
    )
    assert speaker_of(doc[5], set()) == 4


def test_show_title_after_its_owner_is_other(nlp: Language) -> None:
    text = (
        "Budget talks resume.\n\n"
        'Lindqvist proposed they debate on ABC\'s "Good Morning America" in April.'
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("Good Morning America", "other", None)
    ]


def test_fragment_after_someones_quote_without_its_own_cue_is_other(nlp: Language) -> None:
    text = (
        "“We will cut taxes,” Anna Lindqvist said. "
        "“Sovereignty” was the word on every poster in the hall."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.kind) for q in quotes] == [
        ("We will cut taxes,", "direct"),
        ("Sovereignty", "other"),
    ]


def test_pronoun_after_a_long_quote_still_reaches_the_person_before_it(nlp: Language) -> None:
    text = (
        "Anna Lindqvist won her primary in May.\n\n"
        "Peter Brandt offered to campaign with her. But Lindqvist is not interested.\n\n"
        "“Uh, no. I do not think I would ask anyone to come up. I had two friends up already. "
        "This is about me campaigning for my state. It is about my record,” she said."
    )
    quotes, _ = quotes_of(nlp, text)
    assert (quotes[0].speaker, quotes[0].mention) == ("Anna Lindqvist", "she")


def test_name_after_a_title_is_a_person_whatever_its_entity_label(nlp: Language) -> None:
    text = (
        "Peter Brandt picked a crime drama.\n\n"
        "Former Hewlett-Packard CEO Carly Fiorina named a Washington favorite as her guilty "
        "pleasure. “House of Cards,” she said."
    )
    assert said(nlp, text)[-1] == ("House of Cards,", "Carly Fiorina")


def test_a_dash_the_parser_took_for_a_subject_never_speaks(nlp: Language) -> None:
    text = (
        "Clinton pressed him on taxes.\n\n"
        "His returns were made public ― Trump boasted, “That makes me smart.”"
    )
    assert said(nlp, text) == [("That makes me smart.", "Trump")]


def test_speaker_the_parser_hung_on_another_word_still_speaks(nlp: Language) -> None:
    """The parser makes the name an appositive of the newspaper and leaves "said" with no
    subject; the person named just before the verb is the speaker."""
    text = (
        "In a statement to the Observer, her senior policy adviser, Tom Okafor, said: "
        "“The governor believes that the bridge must be rebuilt before winter.”"
    )
    assert said(nlp, text) == [
        ("The governor believes that the bridge must be rebuilt before winter.", "Tom Okafor")
    ]


def test_dash_signature_after_a_no_break_space(nlp: Language) -> None:
    text = (
        "Readers wrote in about the plan.\n\n"
        "“The ferry is the only way my children get to school.”\u00a0― Ruth Abernathy\n"
        "“Nobody asked the island what it wanted.”\u00a0― Kofi Mensah."
    )
    assert said(nlp, text) == [
        ("The ferry is the only way my children get to school.", "Ruth Abernathy"),
        ("Nobody asked the island what it wanted.", "Kofi Mensah"),
    ]


def test_short_sentence_after_a_cue_is_not_a_title(nlp: Language) -> None:
    """Only the first word of “Neither do I.” is capitalised, as in any sentence."""
    text = (
        "The senator spoke about the climate.\n\n"
        "“Does anybody know what the environmental platform of the other party is?” Graham "
        "asked. “Neither do I.”"
    )
    assert said(nlp, text) == [
        ("Does anybody know what the environmental platform of the other party is?", "Graham"),
        ("Neither do I.", "Graham"),
    ]


def test_given_name_keeps_she_off_a_man_named_in_the_background(nlp: Language) -> None:
    """A run of "she" about Melanie must not vote Donald Trump female: his given name says."""
    text = (
        "Melanie watched the rally from her couch in Ohio. Donald Trump walked onto the stage "
        "and thanked the crowd.\n\n"
        "She leaned forward. She turned up the volume. She smiled as Trump spoke about jobs.\n\n"
        "“I love you,” Trump said.\n\n"
        "She switched off the television when Trump finished his speech.\n\n"
        "“It’s finished,” she said."
    )
    assert said(nlp, text) == [("I love you,", "Donald Trump"), ("It’s finished,", "Melanie")]


def test_a_woman_does_not_join_the_cluster_of_a_mr_with_her_surname(nlp: Language) -> None:
    text = (
        "Mr. Obama spoke first at the museum.\n\n"
        "The first lady, Michelle Obama, spoke after him.\n\n"
        "“This building belongs to every American,” Mr. Obama said."
    )
    assert said(nlp, text) == [("This building belongs to every American,", "Obama")]


def test_abbreviated_title_does_not_cut_the_speakers_name(nlp: Language) -> None:
    text = "“Nothing in our plans changes,” said Pentagon spokesman Navy Capt. Jeff Davis."
    quotes, speakers = quotes_of(nlp, text)
    assert [(q.speaker, q.mention) for q in quotes] == [("Jeff Davis", "Jeff Davis")]
    assert speakers[0].role == "spokesman Navy Capt."


def test_a_day_the_parser_made_the_subject_does_not_hide_the_speaker(nlp: Language) -> None:
    """In long sentences the parser makes a fronted "Saturday" the subject of "said" and hangs
    the name elsewhere; that parse is written out by hand."""
    words = ["Saturday", "at", "the", "convention", "Warren", "said", "it", "failed", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[5, 5, 3, 1, 3, 5, 7, 5, 5],
        deps=["nsubj", "prep", "det", "pobj", "appos", "ROOT", "nsubj", "ccomp", "punct"],
        pos=["PROPN", "ADP", "DET", "NOUN", "PROPN", "VERB", "PRON", "VERB", "PUNCT"],
        tags=["NNP", "IN", "DT", "NN", "NNP", "VBD", "PRP", "VBD", "."],
        ents=["B-DATE", "O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert speaker_of(doc[5], set()) == 4


def test_editors_note_is_not_a_speaker_label(nlp: Language) -> None:
    text = (
        "Editor's Note: An article on Monday about the harbor reported that the mayor had "
        "“talked openly about selling the pier” in meetings."
    )
    assert said(nlp, text) == [
        ("talked openly about selling the pier", "an article on Monday about the harbor")
    ]


def test_speaker_described_by_a_relative_clause_is_not_who(nlp: Language) -> None:
    text = (
        "“It will be hard to do in a quick turnaround,” said a longtime data expert who has "
        "worked for two campaigns."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("a longtime data expert", "a longtime data expert")
    ]


def test_markup_left_in_web_copy_is_not_part_of_the_speakers_name(nlp: Language) -> None:
    text = (
        "Officials examined the senator’s claim.\n\n"
        '<tweet tweet-author=" we rate it Mostly True" tweet-date="we rate it Mostly True.">'
        "Sanders said that for young people “the real unemployment rate … is 51 percent.” "
        "His terms were off<tweet/>."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.speaker, q.mention) for q in quotes] == [("Sanders", "Sanders")]


def test_quote_after_a_reporting_sentence_in_its_paragraph(nlp: Language) -> None:
    text = (
        "The council may wait until the ferry contract is signed, Lindqvist said. “The other "
        "question is whether voters would see it as a favour to the mayor.”"
    )
    assert said(nlp, text) == [
        ("The other question is whether voters would see it as a favour to the mayor.", "Lindqvist")
    ]


def test_inverted_said_before_a_colon(nlp: Language) -> None:
    text = (
        "Tax experts doubt the plan.\n\n"
        "Said Ellis: “I don’t get the sense she’s the least bit interested in tax reform.”"
    )
    assert said(nlp, text)[0][1] == "Ellis"


def test_gerund_cue_before_a_passive_main_clause(nlp: Language) -> None:
    text = (
        "In her book, Anna Lindqvist recalled the winter of 1998.\n\n"
        "After saying her right foot was “so swollen I could barely walk,” she was rushed "
        "to hospital for tests."
    )
    assert said(nlp, text) == [("so swollen I could barely walk,", "Anna Lindqvist")]


def test_participle_cue_the_parser_hung_inside_the_quote(nlp: Language) -> None:
    text = (
        "Anna Lindqvist seemed to be ready to riff on the incident in Iowa, telling the crowd, "
        "“Some people get a little carried away, have you noticed that?”"
    )
    assert said(nlp, text)[0][1] == "Anna Lindqvist"


def test_passive_subject_of_a_verb_that_makes_someone_say(nlp: Language) -> None:
    text = (
        "The debate was so calm that Anna Lindqvist was prompted to say, "
        "“So far, I cannot believe how civil it has been up here.”"
    )
    assert said(nlp, text) == [
        ("So far, I cannot believe how civil it has been up here.", "Anna Lindqvist")
    ]


def test_clause_of_its_own_after_a_quote_is_no_attribution(nlp: Language) -> None:
    text = (
        "Walter Lindqvist said that the new director was “learning on the job,” while two "
        "angry board members penned letters that called him naive."
    )
    assert said(nlp, text) == [("learning on the job,", "Walter Lindqvist")]


def test_fragment_nobody_can_be_named_for_is_left_out_but_a_statement_is_kept(
    nlp: Language,
) -> None:
    """A fragment says little without whose words it is; a whole statement still informs."""
    text = (
        "In a poll released on Monday, 73 percent said the economy was “getting worse.”\n\n"
        "“We will not close the school,” it said."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("getting worse.", "other", None),
        ("We will not close the school,", "direct", None),
    ]


def test_name_in_apposition_to_the_subject_is_who_he_means(nlp: Language) -> None:
    text = (
        "Mexico's economy minister is Ildefonso Ortega Salinas. Critics want a tougher line.\n\n"
        "The minister of the economy, Mr. Ortega Salinas, argues there is little point in "
        "answering Mr. Lindqvist's threats to close the border. “We must not overreact to "
        "campaign rhetoric,” he told me."
    )
    assert said(nlp, text) == [
        ("We must not overreact to campaign rhetoric,", "Ildefonso Ortega Salinas")
    ]


def test_name_set_beside_a_description_with_a_place(nlp: Language) -> None:
    text = (
        "His former business partner at Harbor Freight, Lawrence B. Cummings, called him a "
        "master at impossible deals: “He showed again and again that he could close them.”"
    )
    assert said(nlp, text)[0][1] == "Lawrence B. Cummings"


def test_reporting_verb_the_parser_hung_on_the_object_of_a_relative_clause(
    nlp: Language,
) -> None:
    text = (
        "Much of Lindqvist’s anger was also directed at Okafor, who Lindqvist on Wednesday "
        "called “a reckless, dishonest operator.”"
    )
    assert said(nlp, text) == [("a reckless, dishonest operator.", "Lindqvist")]


def test_speaker_after_a_quote_with_a_long_appositive_before_the_verb(nlp: Language) -> None:
    text = (
        "“The mayor needs a plan for the voters on the islands,” Nate Okafor, the polling "
        "analyst who founded a forecasting website in 2008, tweeted on Wednesday."
    )
    assert said(nlp, text) == [
        ("The mayor needs a plan for the voters on the islands,", "Nate Okafor")
    ]


def test_verbs_of_attack_in_political_news_are_cues(nlp: Language) -> None:
    text = (
        "Anna Lindqvist, the fired campaign manager, ripped the director for acting as "
        "“the judge and the jury” in the inquiry."
    )
    assert said(nlp, text) == [("the judge and the jury", "Anna Lindqvist")]


def test_a_speakers_rejection_or_regret_is_a_noun_cue(nlp: Language) -> None:
    text = (
        "It was Anna Lindqvist's lyrical rejection of “a politics of cynicism” that first "
        "made her famous across the country."
    )
    assert said(nlp, text) == [("a politics of cynicism", "Anna Lindqvist")]


def test_fragment_ending_in_a_proper_noun_is_not_a_title(nlp: Language) -> None:
    text = (
        "The debate ran late.\n\n"
        "After the debate, Anna Lindqvist said that she was “proud to be a Democrat.”"
    )
    assert said(nlp, text) == [("proud to be a Democrat.", "Anna Lindqvist")]


def test_quote_after_a_sentence_that_ends_inside_a_show_title(nlp: Language) -> None:
    text = (
        "Lindqvist may run again.\n\n"
        '"It is more of a consideration than it was," Lindqvist said in an interview on '
        'Sunday on NBC\'s "Meet the Press." "You don\'t have to be the perfect candidate."'
    )
    assert said(nlp, text) == [
        ("It is more of a consideration than it was,", "Lindqvist"),
        ("You don't have to be the perfect candidate.", "Lindqvist"),
    ]


def test_participle_without_a_comma_takes_the_subject_of_its_clause(nlp: Language) -> None:
    text = (
        "The budget talks stalled.\n\n"
        "Lindqvist has battled with Okafor over the city's finances for a year, at one point "
        "calling the mayor a “liar” in public."
    )
    assert said(nlp, text) == [("liar", "Lindqvist")]


def test_the_object_of_a_verb_that_is_not_first_never_speaks(nlp: Language) -> None:
    """ "Will described Lindqvist as …": the tagger takes the columnist Will for a modal verb;
    Lindqvist, the one described, must not become the speaker."""
    text = (
        "The columnist George Will has written about the race for months.\n\n"
        "From the mayor’s speech in Malmo to his call for a harbor tax, Will described "
        "Lindqvist as a “caricature of democracy’s most embarrassing possibilities.”"
    )
    assert "Lindqvist" not in [speaker for _, speaker in said(nlp, text)]


def test_a_papers_update_label_is_not_a_speaker_label(nlp: Language) -> None:
    text = (
        "The pier closed in May.\n\nUpdate: “We will reopen the pier on Monday,” the council said."
    )
    assert said(nlp, text) == [("We will reopen the pier on Monday,", "the council")]

"""ACLED's boundaries between neighbouring sub-types (pipeline/extract/boundaries.py), both sides of each, and
the actor fields that come with them: associated actors and inter codes.

Every sentence, town and name here is invented for the test.
"""

import pytest
from kit import article_mentions

from pipeline.extract.boundaries import lethal_weapon_used, taking_or_harm, without_earlier_arrests
from pipeline.extract.inter_codes import inter_code
from pipeline.extract.nlp import load_nlp

EXCESSIVE = "Excessive force against protesters"
INTERVENTION = "Protest with intervention"
PEACEFUL = "Peaceful protest"
VIOLENT_DEMO = "Violent demonstration"
MOB = "Mob violence"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
ARRESTS = "Arrests"
CLASH = "Armed clash"

# (boundary, the sub-type a coder gives, the report: sentences separated by " // ")
TABLE = [
    # what the forces did to a peaceful crowd, and with what result
    ("force", EXCESSIVE,
     "Police opened fire on hundreds of traders protesting against new market fees in Kambelo on "
     "Friday, killing two."),
    ("force", EXCESSIVE,
     "Soldiers fired live rounds to disperse students protesting in Mavuto on Tuesday."),
    ("force", EXCESSIVE,
     "Teachers demonstrated outside the ministry in Lirongo on Monday. // Police dispersed them "
     "with batons and tear gas, and 14 teachers were hospitalised."),
    ("force", EXCESSIVE,
     "Residents protested against power cuts in Tebarra on Sunday. // One protester was wounded by "
     "gunfire when police broke up the rally."),
    ("force", INTERVENTION,
     "Police fired tear gas to disperse hundreds of traders protesting against new market fees in "
     "Kambelo on Friday."),
    ("force", INTERVENTION,
     "Soldiers fired warning shots into the air to disperse students protesting in Mavuto on "
     "Tuesday."),
    ("force", INTERVENTION,
     "Nurses protested over unpaid wages in Lirongo on Monday and police arrested five of them."),
    ("force", INTERVENTION,
     "Dozens of relatives protested outside the jail in Kambelo on Friday to demand the release of "
     "prisoners, and police arrested six of them."),
    ("force", INTERVENTION,
     "Police fired rubber bullets to disperse farmers who were marching in Tebarra on Sunday."),
    ("force", PEACEFUL,
     "Hundreds of nurses marched through Lirongo on Monday to demand unpaid wages."),
    ("force", PEACEFUL,
     "Dozens of students rallied in Mavuto on Tuesday to demand the release of classmates who were "
     "detained last month."),
    # an unorganised crowd against an organised armed actor
    ("mob/attack", MOB,
     "A mob lynched a man suspected of stealing a goat in Kambelo village on Friday."),
    ("mob/attack", MOB,
     "Angry residents beat two suspected thieves to death in Tebarra on Sunday."),
    ("mob/attack", MOB,
     "Unidentified rioters hurled petrol bombs at a party office in Lirongo on Monday, injuring "
     "three people."),
    ("mob/attack", MOB,
     "Supporters of the Green Dawn Party attacked a rival candidate's house in Mavuto on Tuesday."),
    ("mob/attack", MOB,
     "Party activists hurled crude bombs at a rival party's office in Mavuto on Tuesday."),
    ("mob/attack", MOB,
     "A crowd torched the house of a man accused of witchcraft in Lirongo on Monday."),
    ("mob/attack", ATTACK,
     "Gunmen shot dead two farmers in Kambelo village on Friday."),
    ("mob/attack", ATTACK,
     "Militiamen attacked villagers in Tebarra on Sunday, killing four."),
    ("mob/attack", ATTACK,
     "Unidentified men stabbed a local councillor to death in Lirongo on Monday."),
    ("mob/attack", ATTACK,
     "A rights activist was shot dead in Kambelo on Friday by an unidentified group."),
    # a crowd's violence, demonstrating or not; a demonstration, violent or not
    ("demonstration", VIOLENT_DEMO,
     "Demonstrators burnt tyres and blocked several roads in Kambelo on Friday to denounce rising "
     "prices."),
    ("demonstration", VIOLENT_DEMO,
     "Protesters threw stones at police in Tebarra on Sunday during a march against the new tax."),
    ("demonstration", VIOLENT_DEMO,
     "Hundreds of residents clashed with police in Lirongo on Monday after gathering outside the "
     "governor's office to demand clean water."),
    ("demonstration", VIOLENT_DEMO,
     "Students protesting against fee increases set fire to a university building in Mavuto on "
     "Tuesday."),
    ("demonstration", PEACEFUL,
     "Protesters blocked traffic for an hour with a peaceful sit-in in Kambelo on Friday."),
    ("demonstration", INTERVENTION,
     "Police arrested four people at a peaceful march in Tebarra on Sunday after they blocked street "
     "traffic."),
    ("demonstration", VIOLENT_DEMO,
     "Riots broke out in Lirongo on Monday."),
    ("demonstration", MOB,
     "Residents of two neighbouring villages clashed over a water point near Tebarra on Sunday."),
    ("demonstration", MOB,
     "A mob set a minibus on fire in Kambelo on Friday after it ran over a child."),
    ("demonstration", PEACEFUL,
     "Protesters set fire to an effigy of the governor in Lirongo on Monday to denounce rising prices."),
    ("demonstration", PEACEFUL,
     "Hundreds of farmers marched in Mavuto on Tuesday and torched the flag of the ruling party."),
    # taking people: by whom, to what fate, and was anyone hurt
    ("taking", ABDUCTION,
     "Gunmen abducted six passengers from a bus near Kambelo on Friday."),
    ("taking", ABDUCTION,
     "Rebels stormed Tebarra village on Sunday and arrested twenty civilians, taking them to an "
     "unknown destination."),
    ("taking", ABDUCTION,
     "Security agents detained a journalist in Lirongo on Monday and his whereabouts remain "
     "unknown."),
    ("taking", ABDUCTION,
     "Militants raided Mavuto village on Tuesday and seized 12 farmers."),
    ("taking", ABDUCTION,
     "The Kasa Front arrested the head of the village council after storming his house in Tebarra "
     "on Friday."),
    ("taking", ATTACK,
     "Gunmen abducted and killed three farmers near Kambelo on Friday."),
    ("taking", ATTACK,
     "Kidnappers shot dead a trader they had abducted in Tebarra on Sunday."),
    ("taking", ARRESTS,
     "Police arrested 12 suspected militants in Lirongo on Monday."),
    ("taking", ARRESTS,
     "Soldiers detained a local official in Mavuto on Tuesday for questioning."),
    # deaths: set in fighting between armed sides, or inflicted on people who do not fight back
    ("toll", CLASH,
     "At least 40 people were killed in clashes between the army and rebels near Kambelo on Sunday."),
    ("toll", CLASH,
     "After three days of heavy fighting, officials said 120 people were left dead in Tebarra."),
    ("toll", CLASH,
     "Officials estimate that more than 30 people have been killed in the latest fighting in Lirongo."),
    ("toll", CLASH,
     "Three civilians died in crossfire during a gunbattle between police and bandits in Mavuto on "
     "Tuesday."),
    ("toll", ATTACK,
     "Gunmen killed 40 people in a raid on Kambelo village on Sunday."),
    ("toll", ATTACK,
     "At least 12 people were killed when militants attacked a market in Tebarra on Friday."),
    # the weapon or violence of what led to the news is not the news's
    ("cause", VIOLENT_DEMO,
     "Protesters clashed with police in Kambelo on Tuesday after a suicide bomber killed 20 people at a "
     "market."),
    ("cause", VIOLENT_DEMO,
     "Protesters clashed with police in Mavuto on Tuesday after a soldier raped a schoolgirl."),
    ("cause", "Suicide bomb",
     "At least nine mourners died and 15 were hurt after two suicide bombers blew themselves up at a "
     "funeral in Lirongo on Wednesday."),
    ("cause", "Suicide bomb",
     "A suicide bomber killed 20 people at a market in Kambelo on Tuesday."),
    ("cause", "Sexual violence",
     "Militants raped two women in Tebarra on Tuesday after attacking the village."),
]  # fmt: skip


@pytest.fixture(scope="module")
def extract():
    load_nlp()  # once per module

    return article_mentions


@pytest.mark.parametrize(("boundary", "sub_type", "report"), TABLE, ids=[f"{b}:{s}" for b, s, _ in TABLE])
def test_each_side_of_each_boundary(extract, boundary, sub_type, report):
    mentions = extract(*report.split(" // "))
    assert {m.sub_event_type for m in mentions} == {sub_type}, [
        (m.sub_event_type, m.actor1) for m in mentions
    ]


def test_the_table_has_both_sides_of_every_boundary():
    sides = {}
    for boundary, sub_type, _ in TABLE:
        sides.setdefault(boundary, set()).add(sub_type)
    assert all(len(s) >= 2 for s in sides.values()), sides


def test_the_boundary_words_and_their_grammar():
    assert lethal_weapon_used("police fired live rounds to disperse them")
    assert lethal_weapon_used("two were wounded by gunfire")
    assert not lethal_weapon_used("police fired rubber bullets and rubber-coated bullets")
    assert not lethal_weapon_used("soldiers fired live rounds into the air")
    assert not lethal_weapon_used("soldiers fired into the air with live ammunition")
    assert "detained" not in without_earlier_arrests("they demanded the release of students detained in may")
    assert "detained" not in without_earlier_arrests("the release of two men who were detained in may")
    assert "arrested" in without_earlier_arrests("people demanding the release of prisoners were arrested")
    assert "arrested" in without_earlier_arrests(
        "they demanded the release of prisoners, and police arrested six"
    )
    assert "detained" not in without_earlier_arrests(
        "the release of their leader, who was detained on monday"
    )
    assert taking_or_harm(("", ABDUCTION), ("", ATTACK), None, None, False) == "taking"
    assert taking_or_harm(("", ABDUCTION), ("", ATTACK), 3, None, False) == "harm"
    assert taking_or_harm(("", ABDUCTION), ("", "Armed clash"), None, None, True) is None
    # a raid that only detains people is the arrests; one that kills is the attack
    assert taking_or_harm(("", "Arrests"), ("", ATTACK), None, None, False) == "taking"
    assert taking_or_harm(("", "Arrests"), ("", ATTACK), 2, None, False) == "harm"


def test_the_sides_of_the_fighting_are_the_actors_not_its_dead(extract):
    (row,) = extract(
        "At least 40 people were killed in clashes between the army and rebels in Kambelo on Sunday."
    )
    assert (row.actor1, row.actor2, row.fatalities) == ("Military Forces", "Unidentified Armed Group", 40)
    (row,) = extract("Five people were wounded in clashes with rebels in Tebarra on Sunday.")
    assert (row.sub_event_type, row.actor2) == (CLASH, "Unidentified Armed Group")


def test_a_police_raid_that_detains_suspects_is_an_arrest(extract):
    rows = extract(
        "On Monday police raided eight homes in Leeds and detained three members of a banned cell."
    )
    assert [m.sub_event_type for m in rows] == ["Arrests"]


def test_crowds_carry_who_they_belong_to(extract):
    party = extract(
        "Supporters of the Green Dawn Party attacked a rival candidate's house in Kisumu, Kenya on Tuesday."
    )
    assert [(m.actor1, m.assoc_actor_1, m.inter1) for m in party] == [
        ("Rioters (Kenya)", "Green Dawn Party", 5)
    ]
    union = extract(
        "Members of the Kisumu Teachers Union threw stones at police in Kisumu, Kenya on Friday during a "
        "protest over pay."
    )
    assert [(m.actor1, m.assoc_actor_1) for m in union] == [("Rioters (Kenya)", "Kisumu Teachers Union")]
    students = extract(
        "Students of Maseno University marched in Kisumu, Kenya on Friday to demand lower fees."
    )
    assert [(m.actor1, m.assoc_actor_1, m.inter1) for m in students] == [
        ("Protesters (Kenya)", "Students (Kenya)", 6)
    ]


def test_the_crowd_keeps_its_association_when_it_is_the_target(extract):
    rows = extract(
        "Police opened fire on Muslim residents protesting in Kisumu, Kenya on Friday, killing two."
    )
    assert [(m.sub_event_type, m.actor1, m.inter1, m.actor2, m.assoc_actor_2, m.inter2) for m in rows] == [
        (EXCESSIVE, "Police Forces of Kenya", 1, "Protesters (Kenya)", "Muslim Group (Kenya)", 6)
    ]


def test_armed_groups_and_forces_belong_to_no_one(extract):
    rows = extract("Gunmen shot dead two farmers in Kambelo village, Kenya on Friday.")
    assert [(m.assoc_actor_1, m.inter1, m.inter2) for m in rows] == [(None, 3, 7)]


def test_inter_codes_from_actor_names():
    assert inter_code("Military Forces of Kenya", "KE") == 1
    assert inter_code("Military Forces of Kenya", "SO") == 8  # a state's forces abroad are external forces
    assert inter_code("Police Forces of Kenya") == 1
    assert inter_code("Unidentified Armed Group (Kenya)") == 3
    assert inter_code("Dharampur Communal Militia (India)") == 4
    assert inter_code("Rioters (Kenya)") == 5
    assert inter_code("Protesters (Kenya)") == 6
    assert inter_code("Civilians (Kenya)") == 7
    assert inter_code("BJP: Bharatiya Janata Party") == 3  # a party's militia is a political militia
    assert inter_code("Islamic State") == 2
    assert inter_code(None) is None and inter_code("Somebody") is None


def test_an_attack_over_a_land_dispute_is_a_communal_militias(extract):
    feud = extract("A farmer was hacked to death in Kambelo village, India on Friday over a land dispute.")
    assert [(m.sub_event_type, m.actor1, m.inter1) for m in feud] == [
        (ATTACK, "Unidentified Communal Militia (India)", 4)
    ]
    plain = extract("Gunmen shot dead two farmers in Kambelo village, India on Friday.")
    assert [(m.actor1, m.inter1) for m in plain] == [("Unidentified Armed Group (India)", 3)]


def test_the_cues_of_what_led_to_a_crowds_news_are_not_its_own():
    from pipeline.extract.article import sentence_cues, trigger_cues

    doc = load_nlp()("Students marched through Kambelo on Monday after soldiers raped two girls.")
    marched, raped = doc[1], next(t for t in doc if t.lower_ == "raped")
    cues = sentence_cues(doc.text) | {"firearm"}  # "firearm": a cue an earlier sentence referred to
    assert "sexual" in cues
    assert trigger_cues(marched, doc, cues, "protest") == cues - {"sexual"}
    assert trigger_cues(raped, doc, cues, "sexual") == cues  # the part that holds the trigger keeps them
    assert trigger_cues(marched, doc, cues, "kill") == cues  # a death told "after" keeps how it came

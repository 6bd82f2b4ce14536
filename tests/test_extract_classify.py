"""Classification follows ACLED's definitions: the target, what the authorities did and who gained decide.

Every sentence here is invented for the test.
"""

import pytest
from kit import article_mentions

from pipeline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def extract():
    load_nlp()  # once per module

    def run(*sentences: str) -> list[tuple[str, str | None, str | None]]:
        return [(m.sub_event_type, m.actor1, m.actor2) for m in article_mentions(*sentences)]

    return run


def sub_types(rows):
    return {r[0] for r in rows}


def test_attack_on_soldiers_is_an_armed_clash_and_on_villagers_an_attack(extract):
    assert sub_types(extract("Militants attacked an army patrol near Kidal on Monday.")) == {"Armed clash"}
    assert sub_types(extract("Militants attacked villagers near Kidal on Monday.")) == {"Attack"}


def test_conjoined_verbs_share_their_object(extract):
    rows = extract("Soldiers killed and injured dozens of rebels in Kidal on Monday.")
    assert sub_types(rows) == {"Armed clash"}


def test_police_firing_on_a_crowd_that_was_protesting_is_excessive_force(extract):
    rows = extract("Police opened fire on residents who were protesting in Jos on Friday, killing two.")
    assert rows and rows[0][0] == "Excessive force against protesters"
    assert rows[0][1].startswith("Police Forces")


def test_protest_dispersed_with_tear_gas_and_arrests_is_one_protest_with_intervention(extract):
    rows = extract(
        "Hundreds of traders protested in Kano on Friday against new market fees.",
        "Police fired tear gas to disperse them and arrested 12 people.",
    )
    assert sub_types(rows) == {"Protest with intervention"}
    assert all(r[1].startswith("Protesters") for r in rows)


def test_a_crowd_dispersing_peacefully_is_a_peaceful_protest(extract):
    rows = extract(
        "Several hundred farmers marched through Kano on Friday to protest against the new tax.",
        "They dispersed peacefully and no arrests were made.",
    )
    assert sub_types(rows) == {"Peaceful protest"}


def test_protesters_burning_tyres_and_blocking_roads_is_a_violent_demonstration(extract):
    rows = extract("Demonstrators protested in Kano on Friday, burning tyres and blocking the main roads.")
    assert sub_types(rows) == {"Violent demonstration"}


def test_villagers_clashing_without_a_protest_is_mob_violence(extract):
    rows = extract(
        "Villagers clashed with residents of a nearby hamlet over grazing land near Kano on Friday."
    )
    assert sub_types(rows) == {"Mob violence"}


def test_detention_by_an_armed_group_is_abduction_and_by_police_an_arrest(extract):
    assert sub_types(extract("Al-Shabaab fighters arrested 12 traders in Jilib on Friday.")) == {
        "Abduction/forced disappearance"
    }
    assert sub_types(extract("Police arrested two opposition leaders in Kano on Friday.")) == {"Arrests"}


def test_who_gains_territory_decides(extract):
    assert sub_types(extract("Soldiers recaptured the town of Monguno on Friday.")) == {
        "Government regains territory"
    }
    assert sub_types(extract("Rebels captured the town of Monguno on Friday.")) == {
        "Non-state actor overtakes territory"
    }


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        # an irregular form the model's lemmatizer misses, a name misparsed as an adverb, a town it does
        # not tag
        ("Soldiers retook the town of Monguno on Friday.", "Government regains territory"),
        ("The army recaptured Monguno on Friday.", "Government regains territory"),
        ("The army liberated Kidal on Friday.", "Government regains territory"),
        # a part of a town, and control of it
        (
            "Rebels captured the centre of the town of Monguno on Friday.",
            "Non-state actor overtakes territory",
        ),
        ("Most of Monguno was liberated by soldiers on Friday.", "Government regains territory"),
        (
            "Rebels have seized near full control of the town of Monguno.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_territory_gained_however_the_parse_tells_it(extract, sentence, sub_type):
    assert sub_types(extract(sentence)) == {sub_type}


def test_a_crowd_gathering_is_a_protest_in_a_protest_s_story(extract):
    rows = article_mentions("Students protested in Kano for a fifth day.", "At least 9,000 people gathered.")
    assert {m.sub_event_type for m in rows if m.sentence_index == 1} == {"Peaceful protest"}
    rows = article_mentions("The festival opened in Kano on Friday.", "At least 9,000 people gathered.")
    assert [m for m in rows if m.sentence_index == 1] == []


def test_weapons_found_seized_or_defused_is_disrupted_weapons_use(extract):
    for sentence in (
        "Soldiers discovered a large cache of weapons in Kidal on Friday.",
        "Police seized rifles and ammunition in Kano on Friday.",
        "Army sappers defused a roadside bomb near Kidal on Friday.",
    ):
        assert sub_types(extract(sentence)) == {"Disrupted weapons use"}, sentence


def test_intercepted_smugglers_are_not_disrupted_weapons(extract):
    assert extract("Coast guards intercepted 20 smugglers off Kano on Friday.") == []


def test_base_established_needs_a_base(extract):
    assert sub_types(extract("Troops set up a new military post near Kidal on Friday.")) == {
        "Headquarters or base established"
    }
    assert extract("Protesters gathered outside the army headquarters in Kano on Friday.") != [
        ("Headquarters or base established", None, None)
    ]


def test_agreements_between_conflict_parties(extract):
    assert sub_types(extract("The army and the rebels agreed to a ceasefire in Kidal on Friday.")) == {
        "Agreement"
    }
    assert sub_types(extract("Forty rebel fighters surrendered to the army in Kidal on Friday.")) == {
        "Agreement"
    }
    assert extract("The two companies agreed on a new price for cocoa on Friday.") == []
    assert extract("The army and the rebels signed a deal in Kidal on Friday.")
    assert extract("Dealing with the rebels in Kidal has been hard for the army, he said.") == []


def test_disasters_and_accidents_are_no_events(extract):
    assert extract("A strong earthquake killed eight people in Kano on Friday.") == []
    assert extract("Six workers died when a boiler exploded at a chemical plant in Kano on Friday.") == []
    assert extract("Twelve people died of cholera in Kano on Friday.") == []
    # natural hazards of every kind, not only the commonest
    assert extract("More than forty villagers were killed by avalanches in two districts of Kano.") == []
    assert extract("Five people were killed when a tornado tore through Kano on Friday.") == []
    assert extract("Heavy snowfall killed three herders near Kano on Friday.") == []


def test_sanctions_are_no_attack(extract):
    assert extract("The government targeted the ministers with sanctions on Friday.") == []


# --- missed strategic developments, remote violence and sexual violence; quiet on non-ACLED reports --------


def test_weapons_found_seized_or_held_in_a_depot_disrupt_weapons_use(extract):
    assert sub_types(
        extract("Hand grenades and rifles were found near the old mill in Kidal on Monday.")
    ) == {"Disrupted weapons use"}
    assert sub_types(extract("Police seized a lot of rifles and ammunition in Kidal on Monday.")) == {
        "Disrupted weapons use"
    }
    rows = extract("Soldiers discovered a bunker used by the militants to store ammunition near Kidal.")
    assert sub_types(rows) == {"Disrupted weapons use"}
    assert sub_types(extract("Fishermen identified rocket shells on the beach near Kidal on Monday.")) == {
        "Disrupted weapons use"
    }


def test_civilians_evacuated_is_no_transfer_of_territory(extract):
    assert extract("About forty villagers were evacuated from Kidal on Monday.") == []


def test_bases_and_observation_points_set_up_by_forces(extract):
    assert sub_types(extract("The Malian army set up three new bases outside Kidal on Monday.")) == {
        "Headquarters or base established"
    }
    assert sub_types(
        extract("Malian troops established a total of nine observation points around Kidal on Monday.")
    ) == {"Headquarters or base established"}


def test_grenades_thrown_and_chemical_agents_used(extract):
    assert sub_types(extract("A militant lobbed a grenade into a police post in Kidal on Monday.")) == {
        "Grenade"
    }
    assert sub_types(extract("Chlorine was dropped on a rebel-held suburb of Kidal on Monday.")) == {
        "Chemical weapon"
    }


def test_bombers_who_blew_themselves_up_are_suicide_bombs(extract):
    assert sub_types(extract("Two bombers blew themselves up at a checkpoint in Kidal on Monday.")) == {
        "Suicide bomb"
    }
    assert sub_types(
        extract("Two kamikazes went off at a market in Kidal on Monday, killing four people.")
    ) == {"Suicide bomb"}


def test_rape_is_sexual_violence_whatever_the_lemma(extract):
    assert sub_types(extract("Soldiers raped three women in Kidal on Monday.")) == {"Sexual violence"}


def test_accidents_robberies_and_diplomatic_reactions_report_no_event(extract):
    assert extract("A strong earthquake damaged hundreds of buildings in Kidal on Monday.") == []
    assert extract("A fuel tank exploded at an industrial park in Kidal on Monday.") == []
    assert extract("Nine people were killed in Kidal on Monday when their bus plunged into a river.") == []
    assert extract("A grenade went off during a failed robbery at a fuel station in Kidal on Monday.") == []
    assert extract("Ruritania expelled four diplomats over the poison gas attack on a former officer.") == []
    assert extract("Ruritania strikes back at Freedonia and expels its diplomats.") == []
    assert extract("The new sanctions target officials responsible for the chemical attacks on Kidal.") == []


def test_counted_rapes_are_events_and_a_claim_reports_one(extract, monkeypatch):
    assert sub_types(extract("Rebel fighters carried out 4 rapes in villages around Kidal.")) == {
        "Sexual violence"
    }
    # The rules read the claim as sexual violence; the learned filter, trained on general news where a
    # claim in one sentence with no armed actor is rarely an event, refuses it (test_extract_learned.py).
    monkeypatch.setenv("PIPELINE_EVENT_FILTER", "off")
    assert sub_types(
        extract("A prisoner held in Kidal claims to be repeatedly and sexually tortured by guards.")
    ) == {"Sexual violence"}


def test_the_event_that_led_to_the_news_gives_way_to_the_news(extract):
    rows = extract(
        "The army dispatched hundreds of troops to Kidal on Monday after a militant attack on its base."
    )
    assert sub_types(rows) == {"Change to group/activity"}


def test_gunmen_storming_a_school_attack_civilians_unless_fighting_is_told(extract):
    assert sub_types(extract("Militants attacked a school in Kidal on Monday, killing four pupils.")) == {
        "Attack"
    }
    rows = extract("Militants attacked a school in Kidal on Monday and clashed with soldiers guarding it.")
    assert sub_types(rows) == {"Armed clash"}


def test_the_month_of_march_is_no_protest_march(extract):
    rows = extract("On March 4, villagers vandalised the house of a suspect in a village near Jos.")
    assert sub_types(rows) == {"Mob violence"}


def test_protesters_who_attack_a_building_make_a_violent_demonstration(extract):
    rows = extract("On Friday, demonstrators attacked the offices of two political parties in Kano.")
    assert sub_types(rows) == {"Violent demonstration"}


def test_protesters_clashing_with_police_make_a_violent_demonstration(extract):
    rows = extract(
        "Residents protested outside the oil company in Kano on Friday, clashing with police forces."
    )
    assert sub_types(rows) == {"Violent demonstration"}


def test_firing_on_a_protest_is_excessive_force_without_casualties(extract):
    rows = extract("Militiamen opened fire on unarmed demonstrators in Kano on Friday.")
    assert sub_types(rows) == {"Excessive force against protesters"}
    rows = extract(
        "Residents held a demonstration in Kano on Friday.",
        "A few soldiers opened gun fire, wounding three people.",
    )
    assert sub_types(rows) == {"Excessive force against protesters"}


def test_forces_blocking_or_beating_a_protest_intervene(extract):
    rows = extract(
        "Hundreds of protesters gathered in Kano on Friday as police tried to block more protesters."
    )
    assert sub_types(rows) == {"Protest with intervention"}
    rows = extract("Boko Haram fighters attacked with clubs protesters who were marching in Maiduguri.")
    assert sub_types(rows) == {"Protest with intervention"}


def test_protesters_arrested_at_their_protest_is_a_protest_with_intervention(extract):
    rows = extract("Several protesters were arrested in Kano on Friday following a rally of unpaid teachers.")
    assert sub_types(rows) == {"Protest with intervention"}
    rows = extract(
        "Activists held a sit-in in the main square of Kano on Friday.",
        "Police detained several of them.",
    )
    assert sub_types(rows) == {"Protest with intervention"}


def test_burning_an_effigy_is_a_peaceful_protest(extract):
    rows = extract("Activists burned copies of the new law in Kano on Friday.")
    assert sub_types(rows) == {"Peaceful protest"}


def test_crowds_fighting_forces_or_each_other_are_rioters_not_armed_groups(extract):
    assert sub_types(extract("Youths clashed with soldiers in a village near Jos on Friday.")) == {
        "Mob violence"
    }
    rows = extract("Clashes erupted in parts of Jos between rioters and police after a funeral.")
    assert sub_types(rows) == {"Mob violence"}
    rows = extract("Two groups from rival communities clashed in a village near Jos on Friday.")
    assert sub_types(rows) == {"Mob violence"}
    assert sub_types(extract("Angry pupils threw stones at their teachers in Jos on Friday.")) == {
        "Mob violence"
    }


def test_a_group_linked_to_an_armed_outfit_is_not_a_mob(extract):
    rows = extract("A group linked to a militant outfit assaulted a student in Jos on Friday.")
    assert sub_types(rows) == {"Attack"}


def test_blocking_roads_over_a_grievance_is_a_violent_demonstration(extract):
    rows = extract("Soldiers blocked the road to Jos on Friday, demanding their unpaid salaries.")
    assert sub_types(rows) == {"Violent demonstration"}
    assert sub_types(extract("Protesters tore down billboards in Kano on Friday.")) == {
        "Violent demonstration"
    }


def test_fighting_for_a_cause_is_no_fight(extract):
    assert extract("Activists fighting for the removal of the governor met in Kano on Friday.") == []


def test_rallies_and_marches_of_a_crowd_are_protests(extract):
    assert sub_types(extract("Hundreds of students rallied in Kano on Friday.")) == {"Peaceful protest"}
    rows = extract("Thousands of demonstrators marched through Kano on Friday.")
    assert sub_types(rows) == {"Peaceful protest"}


def test_baton_charge_and_rubber_bullets_are_crowd_control(extract):
    rows = extract("Police baton charged a human chain of teachers in Kano on Friday.")
    assert sub_types(rows) == {"Protest with intervention"}
    rows = extract(
        "Scores of people were hurt in Kano as police fired rubber bullets and tear gas on Friday."
    )
    assert sub_types(rows) == {"Excessive force against protesters"}


def test_riot_police_are_no_riot(extract):
    rows = extract("Riot police chased demonstrators during a protest in Kano on Friday.")
    assert sub_types(rows) == {"Protest with intervention"}


def test_clashes_between_police_and_demonstrators_are_a_violent_demonstration(extract):
    rows = extract(
        "Clashes broke out between police in Kano and demonstrators protesting against the new tax."
    )
    assert sub_types(rows) == {"Violent demonstration"}


def test_a_victim_of_clashing_villagers_is_mob_violence(extract):
    rows = extract("A man was killed on Friday as villagers clashed with sticks over a field near Jos.")
    assert sub_types(rows) == {"Mob violence"}


def test_residents_gathered_with_demands_who_clash_with_police_are_violent_demonstrators(extract):
    rows = extract(
        "Hundreds of residents clashed with police in Kano after they gathered outside the governor's "
        "office on Friday, calling for better services."
    )
    assert sub_types(rows) == {"Violent demonstration"}


def test_troops_barricading_roads_over_unpaid_salaries_demonstrate_violently(extract):
    rows = extract(
        "Soldiers and police officers barricaded streets in Jos on Friday to protest unpaid wages."
    )
    assert sub_types(rows) == {"Violent demonstration"}


def test_ground_gained_counts_only_somewhere(extract):
    assert extract("The militants capture even more ground.") == []  # a headline: where?
    rows = extract("The militants seized ground inside the northern part of Kidal on Monday.")
    assert sub_types(rows) == {"Non-state actor overtakes territory"}


def test_the_main_clause_outranks_an_after_clause(extract):
    rows = extract(
        "A bomb was found near the airport in Kidal and defused, police said on Monday after a series of "
        "explosions killed 20 people."
    )
    assert sub_types(rows) == {"Disrupted weapons use"}


def test_a_series_of_strikes_and_the_attacks_just_told_are_events(extract):
    rows = extract("Four people were injured after jets carried out a string of air strikes on Kidal.")
    assert sub_types(rows) == {"Air/drone strike"}
    rows = extract(
        "Police posts were hit in Kidal on Monday night.", "The attacks were carried out with grenades."
    )
    assert "Grenade" in sub_types(rows)


def test_a_blast_told_after_grenades_is_theirs_and_after_a_plant_fire_no_attack(extract):
    rows = extract(
        "Militants threw three of the grenades at troops in Kidal on Monday.",
        "The explosions killed five soldiers.",
    )
    assert sub_types(rows) == {"Grenade"}
    rows = extract(
        "A fire broke out at a chemical plant in Kidal on Monday.", "Officials say the blasts were heard."
    )
    assert rows == []


def test_territory_gained_pushed_out_of_or_handed_over(extract):
    rows = extract(
        "Officials said the militants had gained ground inside the northern part of Kidal on Monday."
    )
    assert sub_types(rows) == {"Non-state actor overtakes territory"}
    rows = extract(
        "The insurgents were pushed back from the areas around the army's positions in Kidal on Monday."
    )
    assert sub_types(rows) == {"Government regains territory"}
    rows = extract("The militants seized the town of Kidal on Monday following the withdrawal of the army.")
    assert sub_types(rows) == {"Non-violent transfer of territory"}


def test_an_occupied_city_is_no_takeover_and_a_named_campaign_no_killing(extract):
    rows = extract("Soldiers kidnapped two boys on Monday in the Kidal occupied city of Gao.")
    assert sub_types(rows) == {"Abduction/forced disappearance"}
    rows = extract("Police made arrests in Kidal on Monday during a Kill The Tax demonstration.")
    assert "Shelling/artillery/missile attack" not in sub_types(rows)
    assert not {"Armed clash", "Attack"} & sub_types(rows)


def test_marching_demonstrators_and_counted_demonstrators_protest(extract):
    rows = extract("Thousands of farmers, demonstrators from the north, marched in Kidal on Saturday.")
    assert sub_types(rows) == {"Peaceful protest"}
    rows = extract(
        "Dozens of pupils chanted slogans and carried placards as they marched in Kidal on Monday."
    )
    assert sub_types(rows) == {"Peaceful protest"}
    rows = extract("Hundreds of demonstrators took part in a march through Kidal on Monday.")
    assert sub_types(rows) == {"Peaceful protest"}


def test_gas_used_by_militants_is_a_chemical_attack_and_a_vigilante_force_no_mob(extract):
    rows = extract("Residents of Kidal fell ill on Monday after poisonous gas used by militants spread.")
    assert sub_types(rows) == {"Chemical weapon"}
    rows = extract(
        "The attack took place in Kidal on Monday, said a member of a local vigilante group formed to "
        "fight rebels."
    )
    assert "Mob violence" not in sub_types(rows)
    rows = extract("Soldiers shot and killed a combatant in Kidal on Monday.")
    assert sub_types(rows) == {"Armed clash"}


def test_forces_sent_or_forwarded_are_a_change_to_group_activity(extract):
    rows = extract(
        "The Northern Brigade forwarded dozens of fighters and two tanks to the Varo dam on Sunday."
    )
    assert sub_types(rows) == {"Change to group/activity"}
    rows = extract("The army sent six transport helicopters and 300 soldiers to Port Melin on Friday.")
    assert sub_types(rows) == {"Change to group/activity"}
    rows = extract("The ministry forwarded the complaint letter to the court on Sunday.")
    assert "Change to group/activity" not in sub_types(rows)


def test_troops_deployed_ahead_of_a_protest_are_a_change_to_group_activity(extract):
    rows = extract(
        "The government deployed troops across Lenova in anticipation of large opposition rallies."
    )
    assert sub_types(rows) == {"Change to group/activity"}


def test_peace_talks_that_began_are_an_agreement(extract):
    rows = extract("Peace talks between the government and the Red Hill rebels began in Tarsa on Monday.")
    assert sub_types(rows) == {"Agreement"}
    rows = extract("Envoys hope that peace talks with the rebels can be held one day.")
    assert "Agreement" not in sub_types(rows)


def test_what_happened_despite_an_attack_is_the_news(extract):
    rows = extract(
        "Peace talks between the government and the rebels opened in Tarsa despite the shelling of a market."
    )
    assert sub_types(rows) == {"Agreement"}


def test_armed_forces_leaving_held_ground_is_a_non_violent_transfer(extract):
    rows = extract(
        "Hundreds of rebel fighters began leaving their stronghold of Dunmere on Sunday under a truce."
    )
    assert sub_types(rows) == {"Non-violent transfer of territory"}
    rows = extract("The soldier left the village of Dunmere on Sunday to visit his family.")
    assert "Non-violent transfer of territory" not in sub_types(rows)
    rows = extract("The minister left the capital on Sunday for a summit.")
    assert sub_types(rows) == set()


def test_civilians_are_the_victims_of_violence_against_civilians_never_its_doers(extract):
    # A headline's reduced passive reads the victims as the subject; the doer is not told.
    rows = extract(
        "Three children abducted, women raped and huts burned in Tessit, 20 km from Kidal, on Monday."
    )
    assert rows and all(r[1] is None and r[2] and r[2].startswith("Civilians") for r in rows)
    assert extract("Gunmen abducted three children in Tessit on Monday.")[0][1].startswith(
        "Unidentified Armed"
    )
    # Civilians a party arms are the party's militia, the doer (ACLED's political militias), not victims.
    rows = extract("Villagers loyal to the Shiromani Akali Dal shot and wounded two farmers near Kidal.")
    assert rows and rows[0][1] == "SAD: Shiromani Akali Dal"

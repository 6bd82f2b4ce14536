"""Clean stage: boilerplate, dates, datelines, HTML, Unicode, sentences, language, robustness.

Every snippet here is invented for these tests (fictional outlets, people and events).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import pytest

from pipeline.clean import CleanArticle, Sentence, clean_article

LEAD = (
    "Gunmen attacked a police checkpoint on the outskirts of the town on Tuesday night, killing two "
    "officers and wounding three others, a provincial spokesman said."
)
SECOND = (
    "The attackers fled on motorcycles toward the hills before reinforcements arrived, and no group has "
    "claimed responsibility for the assault."
)
THIRD = "Residents said shops in the market stayed closed on Wednesday as soldiers searched nearby farms."


def text_of(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def assert_consistent(article: CleanArticle) -> None:
    """The invariants every cleaned article must satisfy, whatever the input."""
    assert isinstance(article.body, str)
    assert article.published_at_source in {"metadata", "text", "unknown"}
    assert (article.published_at is None) == (article.published_at_source == "unknown")
    assert article.published_at is None or article.published_at.tzinfo is None
    assert article.is_english == (article.language == "en")
    assert article.removed_lines >= 0
    for i, sentence in enumerate(article.sentences):
        assert sentence.index == i
        assert article.body[sentence.char_start : sentence.char_end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
    if not article.body:
        assert article.sentences == ()


# --- Boilerplate ---------------------------------------------------------------------------------------

BOILERPLATE_LINES = [
    pytest.param("• Africa", id="nav-bullet"),
    pytest.param("Home | World | Africa | Sahel", id="nav-links"),
    pytest.param("Skip to main content", id="nav-skip"),
    pytest.param("Watch Meridian TV", id="promo-watch"),
    pytest.param("Watch Live: Meridian TV — bulletins every hour", id="promo-watch-live"),
    pytest.param("Sign up for our morning briefing newsletter", id="promo-newsletter"),
    pytest.param("Download the Ledger app", id="promo-app"),
    pytest.param(
        "Get browser notifications for breaking stories and live coverage.", id="promo-notifications"
    ),
    pytest.param("Flooded bridge reopens to traffic 02:31", id="video-duration"),
    pytest.param("Ceasefire talks resume in the capital (1:45)", id="video-duration-brackets"),
    pytest.param("Photo: Jane Marlow / The Meridian Ledger", id="credit-photo"),
    pytest.param("(AP Photo/Tomas Varga)", id="credit-ap"),
    pytest.param(
        "Smoke rises over the harbour after the strike. Tomas Varga/AFP via Getty Images", id="caption"
    ),
    pytest.param("Tags: Protest, Police, Cost of living", id="tags"),
    pytest.param("Tags : Militancy, Border, Elections", id="tags-spaced"),
    pytest.param("Read More: Rebels regroup in the eastern hills", id="read-more"),
    pytest.param("Related: Talks stall over prisoner exchange", id="related"),
    pytest.param("Your browser does not support the video tag.", id="notice-browser"),
    pytest.param(
        "Notice: this browser is out of date. Some features may not work. Please upgrade.",
        id="notice-old",
    ),
    pytest.param(
        "Note: this is an archived article, so some details in this article may be outdated by now.",
        id="notice-archived",
    ),
    pytest.param("We use cookies to improve your experience. Accept | Manage settings", id="notice-cookies"),
    pytest.param("© 2021 Meridian Media Group. All rights reserved.", id="notice-copyright"),
    pytest.param("Share this article", id="share"),
    pytest.param("Share on Facebook | Share on X | Email", id="share-bar"),
    pytest.param("Advertisement", id="advertisement"),
    pytest.param("ADVERTISEMENT", id="advertisement-caps"),
    pytest.param("Severe Thunderstorm Watch", id="weather-watch"),
    pytest.param("Flash Flood Warning in effect until 9 PM", id="weather-warning"),
    pytest.param("By Jane Marlow, Meridian Ledger", id="byline"),
    pytest.param("Reporting by Tomas Varga; Editing by Ana Ruiz", id="byline-wire"),
    pytest.param("Ledger staff writer Omar Fenn contributed to this report.", id="contributors"),
    pytest.param("4 minute read", id="reading-time"),
    pytest.param("Contact us at desk@meridian-ledger.example", id="contact"),
    pytest.param("MIDDLE EAST", id="section-label"),
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_line_is_dropped_and_counted(line: str) -> None:
    article = clean_article(text_of(LEAD, line, SECOND), is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 1
    assert_consistent(article)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("By Sunday, the last troops had withdrawn from the town.", id="by-sentence"),
        pytest.param("Residents said the shooting started at 22:15", id="clock-time"),
        pytest.param("More than 40 people were killed in the attack, officials said.", id="starts-with-more"),
        pytest.param(
            "The ministry's advertisement campaign was criticised by rights groups as propaganda.",
            id="mentions-ad",
        ),
        pytest.param("Photographs of the aftermath circulated widely on social media.", id="mentions-photos"),
        pytest.param("Related groups have carried out similar raids in the past.", id="starts-with-related"),
        pytest.param("Police said the attackers fled — a pattern seen for years.", id="em-dash-sentence"),
        pytest.param("Aftermath of the attack", id="subheading"),
        pytest.param("Activists continue to use the messaging app to organise marches.", id="mentions-app"),
        pytest.param("Written by the ministry, the report says 40 people died.", id="written-by"),
        pytest.param("Storm clouds gathered as the funeral began.", id="mentions-storm"),
    ],
)
def test_article_text_that_resembles_boilerplate_is_kept(line: str) -> None:
    article = clean_article(text_of(LEAD, line, SECOND), is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, line, SECOND)
    assert article.removed_lines == 0


def test_trailing_app_banner_fragments_are_trimmed() -> None:
    content = text_of(LEAD, SECOND, "Open In App\nLedger App Open\nSafari Chrome Continue\nStay informed")
    article = clean_article(content, is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 4


def test_exact_repeated_paragraphs_keep_the_first() -> None:
    article = clean_article(text_of(LEAD, SECOND, LEAD, THIRD, SECOND), is_html=False, title="Checkpoint")
    assert article.body == text_of(LEAD, SECOND, THIRD)
    assert article.removed_lines == 2


def test_caption_printed_twice_is_dropped_with_its_credit() -> None:
    caption = "Mourners carry a coffin through the main square of the town on Wednesday afternoon."
    content = text_of(LEAD, f"{caption}\n{caption} Jane Marlow—Meridian Pictures for The Ledger", SECOND)
    article = clean_article(content, is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 2


def test_caption_above_a_credit_line_goes_and_so_does_its_repeat() -> None:
    caption = "Soldiers search a farm outside the town on Wednesday."
    content = text_of(LEAD, f"{caption}\nPhoto: Jane Marlow / The Meridian Ledger", SECOND, caption, THIRD)
    article = clean_article(content, is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, SECOND, THIRD)
    assert article.removed_lines == 3


def test_caption_printed_without_then_with_a_credit_is_dropped_even_when_reworded() -> None:
    plain = "Fighters stand guard at a checkpoint outside the town in November 2019, after the offensive."
    credited = (
        "Fighters stand guard at a checkpoint outside the town in Nov. 2019, after the offensive."
        "Jane Marlow—Meridian Pictures for The Ledger"
    )
    article = clean_article(text_of(LEAD, f"{plain}\n{credited}", SECOND), is_html=False, title="Checkpoint")
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 2


def test_near_identical_consecutive_lines_keep_one() -> None:
    first = (
        "Fighters stand guard at a checkpoint outside the town in November 2019, weeks after the offensive."
    )
    second = "Fighters stand guard at a checkpoint outside the town in Nov. 2019, weeks after the offensive."
    article = clean_article(text_of(LEAD, f"{first}\n{second}", SECOND), is_html=False, title="Checkpoint")
    assert article.body == text_of(LEAD, first, SECOND)
    assert article.removed_lines == 1


def test_similar_lines_with_different_numbers_are_both_kept() -> None:
    first = "Witness number 1 told reporters that the attackers arrived shortly after dark on Tuesday."
    second = "Witness number 2 told reporters that the attackers arrived shortly after dark on Tuesday."
    article = clean_article(text_of(LEAD, f"{first}\n{second}"), is_html=False, title="Checkpoint")
    assert article.body == text_of(LEAD, first, second)


def test_line_doubled_on_itself_is_printed_once() -> None:
    caption = "A damaged truck lies on its side near the checkpoint."
    article = clean_article(text_of(LEAD, caption + caption), is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, caption)


def test_hard_wrapped_plain_text_is_joined_into_paragraphs() -> None:
    wrapped = (
        "Gunmen attacked a police checkpoint on the outskirts of the town on\n"
        "Tuesday night, killing two officers and wounding three others, a\n"
        "provincial spokesman said."
    )
    article = clean_article(text_of(wrapped, SECOND), is_html=False, title="Checkpoint attacked")
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 0


def test_a_page_full_of_furniture_is_reduced_to_the_article() -> None:
    content = "\n".join(
        [
            "Severe Thunderstorm Watch",
            "Home | News | World | Sport",
            "",
            "Gunmen kill two police officers at checkpoint",
            "",
            "Posted at 6:10 AM, Apr 2, 2019",
            "and last updated 2019-04-02 06:40:00-04",
            "",
            LEAD,
            "",
            "Checkpoint attack leaves two dead 01:58",
            "",
            SECOND,
            "",
            "Advertisement",
            "",
            THIRD,
            "",
            "Tags: Police, Security",
            "Your browser does not support the video tag.",
        ]
    )
    article = clean_article(content, is_html=False)
    assert article.title == "Gunmen kill two police officers at checkpoint"
    assert article.body == text_of(LEAD, SECOND, THIRD)
    assert article.removed_lines == 8
    assert article.published_at == dt.datetime(2019, 4, 2, 6, 10)
    assert article.published_at_source == "text"
    assert_consistent(article)


# --- Title ---------------------------------------------------------------------------------------------


def test_title_is_taken_from_a_short_first_line_and_removed_from_the_body() -> None:
    article = clean_article(text_of("Two officers killed in checkpoint attack", LEAD, SECOND), is_html=False)
    assert article.title == "Two officers killed in checkpoint attack"
    assert article.body == text_of(LEAD, SECOND)
    assert article.removed_lines == 0


def test_headline_may_end_with_a_question_mark() -> None:
    article = clean_article(text_of("What next for the border towns?", LEAD), is_html=False)
    assert article.title == "What next for the border towns?"
    assert article.body == LEAD


def test_first_sentence_is_not_mistaken_for_a_title() -> None:
    article = clean_article(text_of("It was a quiet night until then.", LEAD), is_html=False)
    assert article.title is None
    assert article.body == text_of("It was a quiet night until then.", LEAD)


def test_given_title_is_kept_and_its_repeat_removed_from_the_body() -> None:
    content = text_of("Two officers killed in checkpoint attack", LEAD)
    article = clean_article(content, is_html=False, title="Two officers killed in checkpoint attack | Ledger")
    assert article.title == "Two officers killed in checkpoint attack | Ledger"
    assert article.body == LEAD


def test_single_paragraph_is_never_taken_as_title() -> None:
    article = clean_article("Curfew declared in border town", is_html=False)
    assert article.title is None
    assert article.body == "Curfew declared in border town"
    assert len(article.sentences) == 1


# --- Dates ---------------------------------------------------------------------------------------------


def test_metadata_date_wins_over_a_date_in_the_text() -> None:
    content = text_of("Posted at 6:10 AM, Apr 2, 2019", LEAD)
    article = clean_article(content, is_html=False, published_at_raw="2019-04-01")
    assert article.published_at == dt.datetime(2019, 4, 1)
    assert article.published_at_source == "metadata"
    assert article.body == LEAD  # the date line is furniture either way


@pytest.mark.parametrize(
    ("raw", "expected", "utc"),
    [
        ("2019-04-01", dt.datetime(2019, 4, 1), None),
        ("2019-04-01T08:15:00", dt.datetime(2019, 4, 1, 8, 15), None),
        # Issue 10: a stated offset is applied (UTC), the wall-clock time is kept beside it.
        ("2019-04-01T23:30:00+03:00", dt.datetime(2019, 4, 1, 23, 30), dt.datetime(2019, 4, 1, 20, 30)),
        ("2019-04-01T08:00:00+14:00", dt.datetime(2019, 4, 1, 8, 0), dt.datetime(2019, 3, 31, 18, 0)),
        ("2019-04-01T08:15:00Z", dt.datetime(2019, 4, 1, 8, 15), None),
        ("April 1, 2019", dt.datetime(2019, 4, 1), None),
        ("1 April 2019 08:15", dt.datetime(2019, 4, 1, 8, 15), None),
        ("Mon, 01 Apr 2019 08:15:00 GMT", dt.datetime(2019, 4, 1, 8, 15), None),
    ],
)
def test_metadata_dates_parse_to_utc_and_wall_clock_time(raw: str, expected: dt.datetime, utc) -> None:
    article = clean_article(LEAD, is_html=False, published_at_raw=raw)
    assert article.published_at_local == expected
    assert article.published_at == (utc or expected)
    assert article.published_at_source == "metadata"


@pytest.mark.parametrize(
    ("first_lines", "expected"),
    [
        (
            "Posted at 6:10 AM, Apr 2, 2019\nand last updated 2019-04-02 09:40:00-04",
            dt.datetime(2019, 4, 2, 6, 10),
        ),
        ("Published: 12 March 2019", dt.datetime(2019, 3, 12)),
        ("Updated 3:04 PM ET, Mon May 18, 2015", dt.datetime(2015, 5, 18, 15, 4)),
        (
            "Published 15 March 2024, 17:42 WAT | Updated 15 March 2024, 19:05 WAT",
            dt.datetime(2024, 3, 15, 17, 42),
        ),
        ("March 11, 2019 07:41 PM EDT", dt.datetime(2019, 3, 11, 19, 41)),
        ("( [email protected] ) March 11, 2019 07:41 PM EDT", dt.datetime(2019, 3, 11, 19, 41)),
        ("Posted by webdesk on June 2, 2019", dt.datetime(2019, 6, 2)),
        ("By Jane Marlow | 2 June 2019", dt.datetime(2019, 6, 2)),
    ],
)
def test_date_lines_give_the_date_and_leave_the_body(first_lines: str, expected: dt.datetime) -> None:
    article = clean_article(text_of(first_lines, LEAD), is_html=False, published_at_raw="not a date")
    assert article.published_at == expected
    assert article.published_at_source == "text"
    assert article.body == LEAD


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("TALOMA, Veloria (Meridian Wire, June 23, 2014) — ", dt.datetime(2014, 6, 23)),
        ("March 3, 2021 — ", dt.datetime(2021, 3, 3)),
        ("KABUL, March 3, 2021 (Ledger) - ", dt.datetime(2021, 3, 3)),
    ],
)
def test_dateline_dates_are_a_text_fallback(opening: str, expected: dt.datetime) -> None:
    article = clean_article(opening + LEAD, is_html=False)
    assert article.published_at == expected
    assert article.published_at_source == "text"
    assert article.body == opening.strip() + " " + LEAD  # the dateline stays in the body


def test_posted_line_comes_before_the_dateline_date() -> None:
    content = text_of(
        "Updated 9:00 AM, Jun 24, 2014", "Posted at 5:00 AM, Jun 23, 2014", "KABUL, June 22, 2014 — " + LEAD
    )
    article = clean_article(content, is_html=False)
    assert article.published_at == dt.datetime(2014, 6, 23, 5, 0)


def test_no_date_anywhere_is_unknown() -> None:
    article = clean_article(text_of(LEAD, SECOND), is_html=False, published_at_raw="yesterday")
    assert article.published_at is None
    assert article.published_at_source == "unknown"


def test_dates_inside_the_text_are_not_publication_dates() -> None:
    earlier = "The previous attack, on March 3, 2021, killed four people."
    # Below the header zone a bare date is a timeline heading, not the publication date.
    more = [f"Witness number {n} described the attack to reporters on Thursday." for n in range(3)]
    timeline = [LEAD, SECOND, THIRD, earlier, *more, "March 3, 2021", "Four people were killed that day."]
    article = clean_article(text_of(*timeline), is_html=False)
    assert article.published_at_source == "unknown"
    assert article.body == text_of(*timeline)


# --- Datelines and outlets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("MOSUL, Iraq (Reuters) - ", "Mosul", "Reuters"),
        ("KABUL — ", "Kabul", None),
        ("BEIRUT -- ", "Beirut", None),
        ("Lagos, Nigeria — ", "Lagos", None),
        ("Maiduguri (Sahel Wire) — ", "Maiduguri", "Sahel Wire"),
        ("AL-QAIM, Iraq (AP) — ", "Al-Qaim", "AP"),
        ("ST. LOUIS, Mo. — ", "St. Louis", None),
        ("N'DJAMENA, Chad — ", "N'Djamena", None),
        # the wire form with the agency between slashes
        ("KARSK, May 2. /Zembla Wire/. ", "Karsk", "Zembla Wire"),
        ("ONHAVA /Nordica/, May 2, 2017 /ZNewswire/. ", "Onhava", "ZNewswire"),
    ],
)
def test_dateline_place_is_title_cased_and_agency_becomes_outlet(
    opening: str, place: str, agency: str
) -> None:
    article = clean_article(opening + LEAD, is_html=False)
    assert article.dateline_place == place
    assert article.outlet == agency
    assert article.body.startswith(opening.strip()[:4])


@pytest.mark.parametrize(
    "opening",
    [
        "However, Hamas — which denies involvement — said ",
        "NATO — the alliance — said ",
        "BREAKING — ",
        "The town fell — again — on Sunday, and ",
        "Officials said on Monday that ",
        "Smith, Jones — and two others — ",
    ],
)
def test_ordinary_sentence_openings_are_not_datelines(opening: str) -> None:
    article = clean_article(opening + LEAD, is_html=False)
    assert article.dateline_place is None


def test_dateline_after_a_standfirst_is_found() -> None:
    standfirst = "The attack is the third on security forces in the province this month"
    article = clean_article(text_of(standfirst, "KANO, Nigeria — " + LEAD), is_html=False, title="Attack")
    assert article.dateline_place == "Kano"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.co.uk/news/world-12345", "bbc.co.uk"),
        ("http://m.meridian-ledger.example/a/b?c=d", "meridian-ledger.example"),
        ("news.example.org/story", "news.example.org"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_falls_back_to_the_url_domain(url: str | None, outlet: str | None) -> None:
    assert clean_article(LEAD, is_html=False, url=url).outlet == outlet


def test_outlet_argument_wins_over_agency_and_url() -> None:
    article = clean_article(
        "MOSUL, Iraq (Reuters) - " + LEAD, is_html=False, outlet=" The Ledger ", url="https://x.example/a"
    )
    assert article.outlet == "The Ledger"


# --- HTML ----------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Rebels seize river port after two-day battle - The Daily Meridian</title>
<meta property="og:site_name" content="The Daily Meridian">
<meta property="og:title" content="Rebels seize river port after two-day battle">
<meta property="article:published_time" content="2022-04-09T08:15:00+02:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
</ul></nav>
<header><h1>Rebels seize river port after two-day battle</h1></header>
<main><article>
<p>PORT ALDER, Veloria (Meridian Wire) &mdash; Armed rebels seized the river port of Port Alder on
Friday after a two-day battle with government troops, local officials said.</p>
<p>At least twelve soldiers were killed in the fighting, according to a regional hospital director who asked
not to be named.</p>
<p>Advertisement</p>
<p>The army said it would launch a counter-offensive within days.
Residents fled toward the capital by boat.</p>
</article></main>
<footer><p>&copy; 2022 The Daily Meridian. All rights reserved.</p>
<p><a href="/c">Contact us</a> | <a href="/p">Privacy policy</a> | <a href="/t">Terms of use</a></p></footer>
</body></html>"""


def test_html_page_yields_the_article_and_its_metadata() -> None:
    article = clean_article(PAGE, is_html=True)
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("PORT ALDER, Veloria (Meridian Wire) — Armed rebels seized")
    assert paragraphs[2].startswith("The army said it would launch")
    for furniture in ("Home", "Sport", "Advertisement", "All rights reserved", "Privacy policy"):
        assert furniture not in article.body
    assert article.title == "Rebels seize river port after two-day battle"
    assert article.outlet == "The Daily Meridian"
    assert article.published_at == dt.datetime(2022, 4, 9, 6, 15)  # +02:00 applied: UTC
    assert article.published_at_local == dt.datetime(2022, 4, 9, 8, 15)
    assert article.published_at_source == "metadata"
    assert article.dateline_place == "Port Alder"
    assert article.is_english
    assert_consistent(article)


def test_caller_metadata_wins_over_page_metadata() -> None:
    article = clean_article(
        PAGE, is_html=True, title="Port falls", outlet="Ledger", published_at_raw="2022-04-08"
    )
    assert (article.title, article.outlet, article.published_at) == (
        "Port falls",
        "Ledger",
        dt.datetime(2022, 4, 8),
    )


def test_tiny_html_falls_back_to_tag_stripping_with_paragraph_breaks() -> None:
    # Too little markup for trafilatura to find an article in.
    page = "Gunmen burned a school.<br>Nobody was &quot;hurt&quot;.<script>var x = 1;</script>"
    article = clean_article(page, is_html=True)
    assert article.body == text_of("Gunmen burned a school.", 'Nobody was "hurt".')
    assert [s.text for s in article.sentences] == ["Gunmen burned a school.", 'Nobody was "hurt".']


# --- Unicode -------------------------------------------------------------------------------------------


def test_unicode_is_normalized() -> None:
    raw = (
        "\ufeff\u201cWe will not leave,\u201d said the\u00a0mayor\u2019s   aide\u200b\u00ad \u2013 "
        "twice\x07 \u2014 on the \ufb01rst day of the 2014\u20132015 campaign -- or so she said\u2026\t"
        "Ｆｕｌｌ-width text."
    )
    article = clean_article(raw, is_html=False)
    assert article.body == (
        '"We will not leave," said the mayor\'s aide — twice — on the first day of the 2014-2015 '
        "campaign — or so she said... Full-width text."
    )


def test_a_hyphen_standing_for_a_lost_space_is_a_space_and_compounds_keep_theirs() -> None:
    from pipeline.clean.normalize import normalize_text

    raw = "Kano police,-told us that at least-16 people-were hurt at a sit-in.-The U.S.-led state-of-the-art"
    assert normalize_text(raw) == (
        "Kano police, told us that at least 16 people were hurt at a sit-in. The U.S.-led state-of-the-art"
    )


def test_windows_line_endings_and_blank_runs_become_paragraphs() -> None:
    article = clean_article(LEAD + "\r\n\r\n\r\n\t\r\n" + SECOND + "\r\n", is_html=False, title="x")
    assert article.body == text_of(LEAD, SECOND)


# --- Sentences -----------------------------------------------------------------------------------------


def test_sentences_have_exact_offsets_and_stay_inside_paragraphs() -> None:
    content = text_of(
        "KABUL — Two bombs exploded near the U.S. embassy on Monday. Dr. Aziz said 3 people died.",
        "Lone fragment without a full stop",
        "Police sealed off the area.   Traffic resumed hours later, officials said",
    )
    article = clean_article(content, is_html=False, title="Blasts")
    assert [s.text for s in article.sentences] == [
        "KABUL — Two bombs exploded near the U.S. embassy on Monday.",
        "Dr. Aziz said 3 people died.",
        "Lone fragment without a full stop",
        "Police sealed off the area.",
        "Traffic resumed hours later, officials said",
    ]
    assert_consistent(article)
    assert all(isinstance(s, Sentence) for s in article.sentences)


def test_empty_body_has_no_sentences() -> None:
    article = clean_article("Advertisement\n\nShare this article\n\n• Home", is_html=False)
    assert article.body == ""
    assert article.sentences == ()
    assert article.removed_lines == 3
    assert article.language == "und"


# --- Language ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (LEAD, "en"),
        (
            "Des hommes armés ont attaqué un poste de police dans la nuit de mardi, tuant deux agents, "
            "selon un porte-parole de la province. Les assaillants ont pris la fuite à moto.",
            "fr",
        ),
        (
            "Hombres armados atacaron un puesto de control de la policía el martes por la noche y mataron "
            "a dos agentes, según un portavoz de la provincia. Los atacantes huyeron en motocicletas.",
            "es",
        ),
        ("هاجم مسلحون نقطة تفتيش للشرطة ليلة الثلاثاء وقتلوا اثنين من الضباط", "ar"),
        ("Kano", "und"),
    ],
)
def test_language_guess(text: str, language: str) -> None:
    article = clean_article(text, is_html=False)
    assert article.language == language
    assert article.is_english == (language == "en")


# --- Robustness ----------------------------------------------------------------------------------------

GARBAGE = [
    "",
    "   \n\n\t  \r\n",
    "\x00\x01\x02\x03",
    "<<<>>>&&&;;;",
    "\ud800 lone surrogate \udfff",
    "a" * 250_000,
    ("word " * 30_000).strip(),
    "🔥💥" * 500,
    "<html><body>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Encoded page.</p></body></html>",
    "—\n—\n—\n|||\n•••",
    "(((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    "By " * 1000,
    "Posted at " + "9" * 200,
    # Shapes that make careless regular expressions (or spaCy's tokenizer) take quadratic time or worse.
    "(" * 20_000,
    "A-" * 5_000,
    "A." * 5_000,
    "a@" * 5_000,
    "1:" * 5_000,
    "By A-" + "B-" * 2_000,
    "A—B for C " * 2_000,
]


@pytest.mark.parametrize("is_html", [False, True])
@pytest.mark.parametrize("content", GARBAGE, ids=range(len(GARBAGE)))
def test_never_raises_on_garbage(content: str, is_html: bool, caplog: pytest.LogCaptureFixture) -> None:
    started = time.perf_counter()
    article = clean_article(content, is_html=is_html, published_at_raw="99999-99-99", url="http://[::1")
    assert_consistent(article)
    # Robust by construction, not by the last-resort guard in clean_article, which logs an error.
    assert not [r for r in caplog.records if r.name.startswith("pipeline") and r.levelno >= logging.ERROR]
    # Each of these takes well under a second; minutes would mean catastrophic backtracking somewhere.
    assert time.perf_counter() - started < 10


def test_never_raises_on_wrong_types() -> None:
    article = clean_article(b"Gunmen burned a school.", is_html=False, published_at_raw=20190401)  # type: ignore[arg-type]
    assert article.body == "Gunmen burned a school."
    assert_consistent(article)

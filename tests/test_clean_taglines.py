"""Clean stage: a real paragraph is never boilerplate; its credits and taglines are trimmed instead.

Every snippet here is invented for these tests (fictional outlets, people, places and events).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kit import write_jsonl

from pipeline.clean import clean_article
from pipeline.clean.audit import main, report
from pipeline.clean.related_links import cut_related_links
from pipeline.clean.taglines import LONG_PARAGRAPH_WORDS, trim_taglines

# One newline-free paragraph, as wire copy flattened by a feed arrives (well over LONG_PARAGRAPH_WORDS).
STORY = (
    "Tens of thousands of people marched through the centre of Valdoria on Saturday to demand the release "
    "of the jailed opposition leader Mira Castel, in the largest protest the port city has seen in a decade. "
    "Police said 14 demonstrators were detained after a group threw stones at officers near the courthouse, "
    "while organisers said the march had been peaceful until riot units used tear gas to clear the square. "
    "The interior ministry said it would open an inquiry into the clashes. Castel, who was arrested in March "
    "on charges her supporters call political, has been on hunger strike for two weeks."
)
SHORT_STORY = "Police in Valdoria detained 14 people after clashes near the courthouse on Saturday."


def test_the_story_is_one_long_paragraph() -> None:
    assert "\n" not in STORY and len(STORY.split()) > LONG_PARAGRAPH_WORDS


@pytest.mark.parametrize(
    "credit",
    [
        pytest.param("- ab/cd (AFP, Reuters)", id="initials-agencies"),
        pytest.param("abc/de/fg (dpa, AP, KNA) -", id="initials-dangling-dash"),
        pytest.param("(AFP)", id="agency"),
        pytest.param("— Reuters", id="dash-agency"),
        pytest.param("Source: News agencies", id="source"),
        pytest.param("Source:-The Meridian Ledger and news agencies", id="source-glued"),
    ],
)
def test_a_one_paragraph_article_ending_in_an_agency_credit_keeps_its_text(credit: str) -> None:
    article = clean_article(f"{STORY} {credit}", is_html=False, title="Thousands march in Valdoria")
    assert article.body == STORY
    assert article.sentences
    assert [r.rule for r in article.removals] == ["tagline:agency_credit"]


@pytest.mark.parametrize(
    ("tagline", "rule"),
    [
        pytest.param("(Reporting by Tomas Varga; Editing by Ana Ruiz)", "reporter_signoff", id="wire"),
        pytest.param("Omar Fenn contributed to this report.", "reporter_signoff", id="contributed"),
        pytest.param("Author: Jane Marlow", "reporter_signoff", id="author"),
        pytest.param("omar.fenn@meridian-ledger.example", "contact", id="reporter-email"),
        pytest.param("Follow Jane Marlow on Twitter at https://social.example/jmarlow", "share", id="follow"),
        pytest.param("Share this article", "share", id="share"),
        pytest.param("Learn more", "read_more", id="learn-more"),
        pytest.param("Read more: Talks on prisoner exchange stall again", "read_more", id="read-more"),
        pytest.param("Click here to get our daily briefing.", "read_more", id="click-here"),
        pytest.param("Sign up for our morning briefing, delivered to your inbox.", "promo", id="newsletter"),
        pytest.param("© 2021 Meridian Media Group. All rights reserved.", "copyright", id="copyright"),
        pytest.param(
            "The views expressed in this column are the author's own and not the Ledger's.",
            "copyright",
            id="disclaimer",
        ),
        pytest.param("Tomas Varga/AFP via Getty Images", "photo_credit", id="photo-credit"),
    ],
)
def test_a_trailing_tagline_is_trimmed_from_a_long_paragraph(tagline: str, rule: str) -> None:
    article = clean_article(f"{STORY} {tagline}", is_html=False, title="Thousands march in Valdoria")
    assert article.body == STORY
    assert {r.rule for r in article.removals} == {f"tagline:{rule}"}


def test_stacked_taglines_are_trimmed_one_after_another() -> None:
    tail = (
        "Ledger reporter Omar Fenn contributed to this report. "
        "Follow us on Twitter @MeridianLedger and like us on Facebook. "
        "Send Facebook Twitter WhatsApp Telegram Email Permalink https://ledger.example/p/1x "
        "- ab/cd (AFP, dpa) -"
    )
    article = clean_article(f"{STORY} {tail}", is_html=False)
    assert article.body == STORY
    assert [r.rule for r in article.removals] == [
        "tagline:share",
        "tagline:agency_credit",
        "tagline:share",
        "tagline:reporter_signoff",
    ]


def test_taglines_at_the_start_and_share_bars_inside_are_removed() -> None:
    first, rest = STORY.split(". ", 1)
    content = (
        f"Share this with {first}. Send Facebook Twitter Google+ WhatsApp Email Permalink "
        f"https://ledger.example/p/2y {rest} Media playback is not supported on this device"
    )
    article = clean_article(content, is_html=False)
    assert article.body == STORY
    assert sorted(r.rule for r in article.removals) == ["tagline:notice", "tagline:share", "tagline:share"]


def test_a_short_one_paragraph_article_signed_with_initials_is_not_a_caption() -> None:
    article = clean_article(f"{SHORT_STORY} ab/cd (AFP)", is_html=False)
    assert article.body == SHORT_STORY


def test_an_articles_only_paragraph_is_not_a_caption() -> None:
    article = clean_article(f"{SHORT_STORY} Photo: Jane Marlow", is_html=False)
    assert article.body == SHORT_STORY
    assert [r.rule for r in article.removals] == ["tagline:photo_credit"]


@pytest.mark.parametrize(
    "ending",
    [
        pytest.param("Investigators said they wanted to learn more.", id="learn-more-in-a-sentence"),
        pytest.param("Experts from five universities contributed to the report.", id="contributed"),
        pytest.param('"We will not be silenced," she said. "Follow us to the square."', id="quote"),
        pytest.param("The march ended near the offices of AFP and Reuters.", id="agencies-in-text"),
        pytest.param("Shops reopened on Sunday - a sign, residents said, of calm.", id="dash"),
    ],
)
def test_article_endings_that_resemble_taglines_are_kept(ending: str) -> None:
    article = clean_article(f"{STORY} {ending}", is_html=False)
    assert article.body == f"{STORY} {ending}"
    assert article.removals == ()


def test_trimming_never_leaves_a_paragraph_without_text() -> None:
    text, removed = trim_taglines("Police detained nine people. (AFP)")
    assert text == "Police detained nine people. (AFP)"
    assert removed == []


# --- Real boilerplate still goes ------------------------------------------------------------------------


def test_boilerplate_lines_around_a_long_paragraph_still_go() -> None:
    content = "\n".join(
        [
            "Home | World | Europe",
            "Advertisement",
            f"{STORY} ab/cd (AFP, Reuters)",
            "Protesters fill the square on Saturday. Jane Marlow/AFP via Getty Images",
            "Share this article",
            "© 2021 Meridian Media Group. All rights reserved.",
            "Tags: Protest, Police",
        ]
    )
    article = clean_article(content, is_html=True)
    assert article.body == STORY
    assert article.removed_lines == 6
    assert sorted(r.rule for r in article.removals) == [
        "caption",
        "line:advertisement",
        "line:navigation",
        "line:notice",
        "line:share",
        "line:tags",
        "tagline:agency_credit",
    ]


def test_a_short_caption_line_in_a_longer_article_still_goes() -> None:
    content = f"{STORY}\n\nProtesters fill the square on Saturday (AP Photo/Jane Marlow)\n\n{SHORT_STORY}"
    article = clean_article(content, is_html=False)
    assert article.body == f"{STORY}\n\n{SHORT_STORY}"
    assert [r.rule for r in article.removals] == ["caption"]


def test_a_page_of_furniture_alone_is_still_emptied() -> None:
    content = "Advertisement\n\nShare this article\n\n© 2021 Meridian Media Group."
    article = clean_article(content, is_html=False)
    assert article.body == ""


# --- The audit ------------------------------------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    records = [
        {"id": "a1", "title": "March", "text": f"{STORY} - ab/cd (AFP, Reuters)"},
        {"id": "a2", "title": "Clashes", "text": f"{SHORT_STORY}\n\nAdvertisement\n\nShare this article"},
        {"id": "a3", "title": "Furniture", "text": "Advertisement\n\nTags: Protest, Police"},
        {"id": "a4", "title": "Nothing"},
    ]
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, records)
    return path


def test_audit_counts_emptied_articles_word_losses_and_rules(tmp_path: Path) -> None:
    text = report(_corpus(tmp_path), examples=1)
    assert "records quarantined at landing (never cleaned): 1" in text
    assert "articles cleaned: 3" in text
    assert "emptied (words in, no sentence out): 1" in text
    assert "lost more than half their words: 1" in text
    assert "EMPTIED corpus/a3: 4 -> 0 words" in text
    for rule in ("tagline:agency_credit", "line:advertisement", "line:share", "line:tags"):
        assert rule in text


def test_audit_runs_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(_corpus(tmp_path))]) == 0
    assert "emptied (words in, no sentence out): 1" in capsys.readouterr().out


# Invented related-story links glued into one-line pages, and where the next sentence starts.
RELATED_LINKS = [
    ("It rained all week. READ MORE: Senior rebel commander killed in Lirongo air raid Police sources said "
     "the market reopened on Monday.",
     "READ MORE: Senior rebel commander killed in Lirongo air raid",
     "Police sources said the market reopened on Monday."),
    ("It rained all week. RELATED: Mayor of Tebarra in trouble over stadium deal The council met on Friday "
     "to discuss the budget.",
     "RELATED: Mayor of Tebarra in trouble over stadium deal",
     "The council met on Friday to discuss the budget."),
    ("It rained all week. READ MORE: Kambelo farmers 'live in fear of floods' Officials said the dam was "
     "safe.",
     "READ MORE: Kambelo farmers 'live in fear of floods'",
     "Officials said the dam was safe."),
    ("It rained all week. WATCH: Who is to blame for the drought in Mavuto? Farmers said the wells had "
     "dried up.",
     "WATCH: Who is to blame for the drought in Mavuto?",
     "Farmers said the wells had dried up."),
    ("It rained all week. READ MORE: Thousands more families flee Nairobi floods Local media reported "
     "that the river rose again.",
     "READ MORE: Thousands more families flee Nairobi floods",
     "Local media reported that the river rose again."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "link", "after"), RELATED_LINKS)
def test_a_related_story_link_is_cut_up_to_the_next_sentence(text: str, link: str, after: str) -> None:
    kept, pieces = cut_related_links(text)
    assert pieces == [link]
    assert kept == "It rained all week. " + after


def test_a_link_whose_end_cannot_be_found_loses_only_its_label() -> None:
    text = (
        "It rained all week. READ MORE: Tebarra Kambelo Lirongo Mavuto floods and more floods and rain. Then"
    )
    kept, pieces = cut_related_links(text)
    assert pieces == ["READ MORE:"]
    assert kept == "It rained all week. Tebarra Kambelo Lirongo Mavuto floods and more floods and rain. Then"


def test_trim_taglines_records_the_link_it_cut() -> None:
    text, removed = trim_taglines(RELATED_LINKS[0][0])
    assert ("related_link", RELATED_LINKS[0][1]) in removed
    assert "killed" not in text

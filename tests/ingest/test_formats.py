"""Readers of each format, on the fixtures."""

from __future__ import annotations

from pathlib import Path

from graphbuild.ingest import Skipped, iter_articles
from graphbuild.types import Article

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> list[Article | Skipped]:
    return list(iter_articles([FIXTURES / name]))


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def test_plain_text():
    [article] = read("harbour.txt")
    assert article.id == "harbour"
    assert article.title == "Gull Island Ferry Route Wins Council Backing"
    assert article.text.startswith("PORT ELLIS, March 12 - The Port Ellis harbour council")
    assert article.text.endswith("before the summer season.\n")
    assert article.path == str(FIXTURES / "harbour.txt")
    assert (FIXTURES / "harbour.txt").read_text().endswith(article.text)


def test_plain_text_without_headline():
    [article] = read("bulletin.txt")
    assert article.title is None
    assert article.text == (FIXTURES / "bulletin.txt").read_text()


def test_markdown():
    [article] = read("sub/market.md")
    assert article.id == "market"
    assert article.title == "Fish Prices Climb at Port Ellis Market?"
    assert article.text.startswith("Prices for cod")


def test_html_main_text_and_metadata():
    [article] = read("page.html")
    assert article.id == "page"
    assert article.title == "Harbour Council Approves New Ferry Route"
    assert article.date == "2024-03-12"
    assert article.source == "The Coastal Courier"
    assert article.url == "https://courier.example.com/2024/03/12/ferry-route"
    assert article.text.startswith("PORT ELLIS, March 12 - The Port Ellis harbour council")
    assert "nesting seabirds." in article.text
    assert article.text.count("\n\n") == 3  # four paragraphs
    for boilerplate in ("Subscribe", "Most read", "Cookie", "Weather warning", "Politics"):
        assert boilerplate not in article.text


def test_jsonl_good_and_bad_lines():
    items = read("wire.jsonl")
    path = str(FIXTURES / "wire.jsonl")
    first, second, sixth = articles(items)
    assert first.id == "wire-001"
    assert (first.title, first.date, first.source) == (
        "Council Backs Ferry Route",
        "2024-03-12",
        "Coastal Wire",
    )
    assert first.url == "https://wire.example.org/001"
    assert first.text == (
        "PORT ELLIS, March 12 - The harbour council backed a new ferry route.\n\n"
        "The vote was 7 to 2."
    )
    assert first.path == f"{path}:1"
    assert second.id == "https://wire.example.org/002"  # no id: the url
    assert sixth.id == "wire-6" and sixth.path == f"{path}:6"  # neither: stem-line
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert [s.path for s in skipped] == [f"{path}:line 4", f"{path}:line 5", f"{path}:line 7"]
    assert skipped[0].problem.startswith("invalid JSON")
    assert skipped[1].problem == "no 'text' field"
    assert "not a JSON object" in skipped[2].problem


def test_jsonl_gz():
    items = read("archive.jsonl.gz")
    path = str(FIXTURES / "archive.jsonl.gz")
    first, third = articles(items)
    assert (first.id, first.title, first.date) == ("42", "Quay Repairs Start", "2024-03-20")
    assert third.id == "archive-3" and third.source == "Coastal Wire"
    assert items[1] == Skipped(f"{path}:line 2", "'text' is int, not a string")


def test_rss():
    items = read("harbour.rss")
    path = str(FIXTURES / "harbour.rss")
    ferry, storm = articles(items)
    assert ferry.id == "courier-2024-0312-ferry"
    assert ferry.title == "Ferry Route Approved"
    assert ferry.text == (
        "The harbour council approved a new ferry route on Tuesday.\n\n"
        "Sailings begin in June & run daily."
    )
    assert ferry.url == "https://courier.example.com/2024/03/12/ferry"
    assert ferry.date == "2024-03-12T09:30:00+00:00"
    assert ferry.source == "Coastal Courier"
    assert ferry.path == path
    assert storm.id == "https://courier.example.com/2024/03/13/storm"  # no guid: the link
    assert storm.date == "2024-03-13T17:00:00+00:00"  # in UTC
    assert items[-1] == Skipped(f"{path}:entry 3", "entry has no text")


def test_atom():
    fish, quay = articles(read("harbour.atom"))
    assert fish.id == "urn:gazette:fish-prices"
    assert fish.title == "Fish Prices Climb"  # HTML title stripped
    assert fish.text == (
        "Cod prices at the Port Ellis market rose 12 percent in March.\n\n"
        "Traders blamed the storms."
    )  # content preferred to summary
    assert fish.date == "2024-03-15T08:00:00+00:00"
    assert fish.url == "https://gazette.example.net/fish-prices"
    assert fish.source == "Port Ellis Gazette"
    assert quay.id == "urn:gazette:quay-reopens"
    assert quay.url is None  # feedparser's copy of a non-URL id is not a url
    assert quay.date == "2024-03-16T07:15:00+00:00"  # updated when not published


def test_xml_that_is_not_a_feed():
    [skipped] = read("settings.xml")
    assert skipped.path == str(FIXTURES / "settings.xml")
    assert skipped.problem.startswith("not an RSS or Atom feed")


def test_html_without_main_text(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text(
        "<html><head><title>Menu</title></head><body><script>x()</script></body></html>"
    )
    assert list(iter_articles([page])) == [
        Skipped(str(page), "no article text found in the HTML page")
    ]


def test_jsonl_control_characters_give_a_warning(tmp_path, caplog):
    wire = tmp_path / "ctl.jsonl"
    wire.write_text('{"id": "c1", "text": "Nul\\u0000 here.\\r\\nNext line."}\n')
    warning, article = iter_articles([wire])
    assert warning == Skipped(
        f"{wire}:line 1", "removed 1 control or surrogate character", warning=True
    )
    assert article.text == "Nul here.\nNext line."
    assert "ctl.jsonl:line 1" in caplog.text

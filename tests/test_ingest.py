"""Each reader, each input form, and each kind of bad input."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief.errors import InputError, UnknownComponentError
from newsbrief.ingest import get_reader, ingest
from newsbrief.models import RawArticle, Skipped

HTML_PAGE = """<!doctype html><html><head><title>Dam opens | River Times</title>
<meta property="og:site_name" content="River Times">
<meta property="article:published_time" content="2023-07-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Dam opens</h1>
<p>The new Elm river dam opened on Friday after six years of construction work
by the regional water board.</p>
<p>Engineers said the dam would supply drinking water to 200,000 people in the valley
towns from next spring.</p>
<p>Local farmers, who lost land to the reservoir, protested at the opening ceremony.</p>
</article><footer>All rights reserved. Terms of use.</footer></body></html>"""


def test_text_reader_marker_headline_and_body(write):
    path = write("gazette.txt", " date 2019-05-02 Storm hits coast\nThe storm hit the coast on Thursday.\n")
    [article], skipped = ingest([path])
    assert skipped == []
    assert article.date == dt.date(2019, 5, 2) and article.date_source == "marker"
    assert article.title == "Storm hits coast"
    assert article.text == "The storm hit the coast on Thursday."
    assert article.outlet == "gazette"


def test_text_reader_dateline(write):
    text = "Storm hits coast\n\nThursday, 02 May, 2019\n\nThe storm hit the coast on Thursday.\n"
    [article], _ = ingest([write("a.txt", text)])
    assert article.date == dt.date(2019, 5, 2) and article.date_source == "dateline"
    assert "2019" not in article.text


def test_text_reader_without_date_or_headline(write):
    text = "The storm hit the coast on Thursday, flooding roads and closing schools.\n"
    [article], _ = ingest([write("a.txt", text)])
    assert article.date is None and article.date_source is None and article.title is None


def test_caption_line_is_not_taken_for_a_headline(write):
    text = " date 2019-05-02 Image copyright EPA Image caption Soldiers at a base\n\nBody text here.\n"
    [article], _ = ingest([write("a.txt", text)])
    assert article.title is None


def test_html_reader_uses_trafilatura_metadata(write):
    [article], _ = ingest([write("page.html", HTML_PAGE)])
    assert article.reader == "html"
    assert article.outlet == "River Times"
    assert article.date == dt.date(2023, 7, 14) and article.date_source == "metadata"
    assert "200,000 people" in article.text
    assert "Sport" not in article.text and "All rights reserved" not in article.text


def test_html_without_article_text_is_skipped_with_reason(write):
    write("ok.txt", "A real article about the storm on the coast.")
    write("empty.html", "<html><body><script>var x = 1;</script></body></html>")
    articles, skipped = ingest([write("ok.txt", "A real article about the storm.").parent])
    assert len(articles) == 1
    assert [s.reason for s in skipped] == ["no article text found in the HTML page"]


def test_jsonl_reader_fields_and_malformed_line(write):
    lines = [
        json.dumps({"id": "x1", "title": "T", "text": "Body one.", "date": "2020-01-02",
                    "url": "https://news.example/a", "source": "Example News"}),
        "{not json",
        json.dumps({"id": "x2", "text": "Body two.", "url": "https://other.example/b"}),
        json.dumps({"id": "x3", "title": "no text"}),
    ]
    articles, skipped = ingest([write("feed.jsonl", "\n".join(lines))])
    assert [a.given_id for a in articles] == ["x1", "x2"]
    assert articles[0].outlet == "Example News" and articles[0].date == dt.date(2020, 1, 2)
    assert articles[1].outlet == "other.example"
    assert [s.input.rsplit(":", 1)[1] for s in skipped] == ["2", "4"]
    assert "line 2" in skipped[0].reason and "no 'text'" in skipped[1].reason


def test_json_array(write):
    records = [{"text": "First body."}, {"text": "Second body.", "source": "S"}]
    articles, _ = ingest([write("dump.json", json.dumps(records))])
    assert [a.text for a in articles] == ["First body.", "Second body."]


def test_directory_is_recursive_and_skips_hidden(write):
    write("a.txt", "Article A body text.")
    write("nested/deeper/b.txt", "Article B body text.")
    write(".hidden/c.txt", "Hidden.")
    articles, _ = ingest([write("a.txt", "Article A body text.").parent])
    assert sorted(a.outlet for a in articles) == ["a", "b"]


def test_glob(write, tmp_path):
    write("x/one.txt", "One body.")
    write("x/two.txt", "Two body.")
    write("x/three.md", "Three body.")
    articles, _ = ingest([str(tmp_path / "x" / "*.txt")])
    assert sorted(a.outlet for a in articles) == ["one", "two"]


def test_glob_matching_nothing_is_an_error(tmp_path):
    with pytest.raises(InputError, match="matches no file"):
        ingest([str(tmp_path / "*.nothing")])


def test_stdin():
    articles, _ = ingest(["-"], stdin=io.BytesIO(b"Text arriving on standard input."))
    assert [a.origin for a in articles] == ["stdin"]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        ingest([tmp_path / "nope.txt"])


def test_empty_file_named_explicitly_is_an_error(write):
    with pytest.raises(InputError, match="empty input"):
        ingest([write("empty.txt", "  \n")])


def test_empty_directory_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no files"):
        ingest([tmp_path / "empty"])


def test_binary_file_named_explicitly_is_an_error(write):
    with pytest.raises(InputError, match="binary"):
        ingest([write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)])


def test_binary_file_inside_directory_is_a_warning(write):
    write("good.txt", "A good article.")
    folder = write("junk.bin", bytes(range(256)) * 4).parent
    articles, skipped = ingest([folder])
    assert len(articles) == 1
    assert skipped[0].input.endswith("junk.bin") and "binary" in skipped[0].reason


def test_oversized_file_is_refused_naming_it(write):
    big = write("huge.txt", "word " * 3000)
    with pytest.raises(InputError, match=r"huge\.txt.*over the 1,000-byte limit"):
        ingest([big], max_bytes=1000)
    articles, skipped = ingest([big.parent], max_bytes=1000)
    assert articles == [] and "huge.txt" in skipped[0].input


def test_undecodable_bytes_are_decoded_not_fatal(write):
    text = "Le café de la gare a fermé ses portes après quarante années de service à Genève."
    [article], _ = ingest([write("cp1252.txt", text.encode("cp1252"))])
    assert "café" in article.text and "Genève" in article.text


def test_utf16_with_bom(write):
    [article], _ = ingest([write("u16.txt", "Storm hits the coast.".encode("utf-16"))])
    assert article.text == "Storm hits the coast."


def test_unknown_reader_lists_valid_names():
    with pytest.raises(UnknownComponentError, match="html, json, text"):
        get_reader("pdf")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            body, status, kind = HTML_PAGE.encode(), 200, "text/html; charset=utf-8"
        elif self.path == "/big":
            body, status, kind = b"x" * 5000, 200, "text/plain"
        else:
            body, status, kind = b"missing", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.network
def test_url_is_fetched_and_read_as_html(server):
    [article], _ = ingest([f"{server}/story"])
    assert isinstance(article, RawArticle) and article.outlet == "River Times"


@pytest.mark.network
def test_url_errors_and_size_limit(server):
    with pytest.raises(InputError, match="HTTP 404"):
        ingest([f"{server}/missing"])
    with pytest.raises(InputError, match="limit"):
        ingest([f"{server}/big"], max_bytes=1000)


def test_skipped_is_never_silent(write):
    write("a.txt", "Good article body.")
    write("b.jsonl", "{broken\n")
    articles, skipped = ingest([write("c.txt", "").parent])
    reported = {Path(s.input.split(":")[0]).name for s in skipped}
    assert {a.outlet for a in articles} == {"a"}
    assert reported == {"b.jsonl", "c.txt"}
    assert all(isinstance(s, Skipped) and s.reason for s in skipped)


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Bridge inquiry opens</title><link>https://gazette.example/inquiry</link>
<guid>gz-1</guid><pubDate>Wed, 13 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The inquiry into the Kestrel Bridge collapse opened on Wednesday.&lt;/p&gt;
&lt;p&gt;Engineers will give evidence next week.&lt;/p&gt;</description></item>
<item><title>Empty</title><description></description></item>
</channel></rss>"""


def test_rss_feed_entries_become_articles(write):
    from newsbrief.ingest import ingest

    articles, skipped = ingest([str(write("gazette.xml", RSS))])
    assert len(articles) == 1
    article = articles[0]
    assert article.outlet == "Harbour Gazette" and article.title == "Bridge inquiry opens"
    assert article.date is not None and article.date.isoformat() == "2024-03-13"
    assert "Engineers will give evidence" in article.text and article.given_id == "gz-1"
    assert skipped and "no text" in skipped[0].reason


def test_warc_archive_html_responses_become_articles(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newsbrief.ingest import ingest

    page = (b"<html><head><title>Ferries replace the bridge</title></head><body><article>"
            b"<p>Free ferries crossed Port Veyra harbour on Wednesday after the Kestrel Bridge collapse "
            b"cut the city in two, and commuters queued for an hour at the quay.</p>"
            b"<p>The transport ministry said the shuttle would run every fifteen minutes.</p>"
            b"</article></body></html>")
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        html_type = [("Content-Type", "text/html; charset=utf-8")]
        headers = StatusAndHeaders("200 OK", html_type, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://radio.example/ferries", "response",
                                                      payload=BytesIO(page), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://radio.example/a.png", "response",
                                                      payload=BytesIO(b"\x89PNG"), http_headers=image))
    articles, skipped = ingest([str(path)])
    assert len(articles) == 1 and "Free ferries" in articles[0].text
    assert articles[0].origin == "https://radio.example/ferries"
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not an archive")
    articles, skipped = ingest([str(broken)])
    assert not articles and "WARC" in skipped[0].reason

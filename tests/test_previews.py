"""Link previews: with --base-url every page has a title, description, canonical URL, Open Graph and Twitter tags,
each og:image an existing 1200×630 PNG of that page; without it the absolute tags are left out."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from site_support import BASE_URL, POSITIONS, built_site, png_size

OG = ("og:title", "og:description", "og:image", "og:url", "og:type")


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None


SAMPLE = POSITIONS.parent / "tests" / "data" / "sample"


def local_file(site: Path, url: str) -> Path:
    assert url.startswith(BASE_URL + "/"), url
    return site / urlsplit(url).path.removeprefix(urlsplit(BASE_URL).path + "/")


def test_every_page_has_absolute_preview_tags_and_an_existing_1200x630_image():
    site = built_site(BASE_URL, SAMPLE, images=True)  # the sample's site is the one built with its PNGs
    found = pages(site)
    assert "index.html" in found and "changes.html" in found
    images = set()
    for name, soup in found.items():
        assert soup.title.string.strip() and meta(soup, "description"), name
        for key in OG:
            assert meta(soup, key), (name, key)
        assert meta(soup, "twitter:card") == "summary_large_image", name
        assert meta(soup, "og:url") == f"{BASE_URL}/{name}"
        assert soup.find("link", rel="canonical")["href"] == f"{BASE_URL}/{name}"
        image = local_file(site, meta(soup, "og:image"))
        assert image.is_file(), (name, image)
        assert png_size(image.read_bytes()) == (1200, 630), image
        assert meta(soup, "twitter:image") == meta(soup, "og:image")
        images.add(image)
        assert soup.find("link", rel="icon") is not None
    assert len(images) > 3  # the matrix, each issue, each party: each page previews its own content


def test_each_page_previews_its_own_content():
    site = built_site()
    found = pages(site)
    issue = next(n for n in found if n.startswith("issues/"))
    party = next(n for n in found if n.startswith("parties/"))
    assert meta(found[issue], "og:image").endswith("/images/og/" + issue.replace(".html", ".png"))
    assert meta(found[party], "og:image").endswith("/images/og/" + party.replace(".html", ".png"))
    assert meta(found["index.html"], "og:image").endswith("/images/og/index.png")


def test_without_a_base_url_the_absolute_tags_are_left_out():
    site = built_site(None, SAMPLE)
    for name, soup in pages(site).items():
        assert meta(soup, "og:title") and meta(soup, "twitter:card"), name
        for key in ("og:url", "og:image", "twitter:image"):
            assert meta(soup, key) is None, (name, key)
        assert soup.find("link", rel="canonical") is None
        assert not [m for m in soup.find_all("meta") if "://" in (m.get("content") or "")], name


def test_the_cli_takes_a_base_url(run_cli, tmp_path):
    out = tmp_path / "out"
    result = run_cli("site", str(out), "--data", "tests/data/sample", "--base-url", "https://example.org/pos")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:image") == "https://example.org/pos/images/og/index.png"
    assert (out / "feed.xml").is_file() and (out / "images" / "matrix.svg").is_file()
    assert (out / "images" / "matrix.png").is_file()

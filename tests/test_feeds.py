"""Atom feeds (RFC 4287): they parse, hold the required elements, link into the site, keep their ids, stay inert."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from site_support import BASE_URL, REPO, built_site

from stances.domain.validate import check_folder
from stances.present.changes import version_key
from stances.site import build

ATOM = "{http://www.w3.org/2005/Atom}"


def feeds_of(site: Path) -> dict[str, ET.Element]:
    paths = [site / "feed.xml", *sorted((site / "feeds").glob("*.xml"))]
    return {p.relative_to(site).as_posix(): ET.parse(p).getroot() for p in paths}


@cache
def ids_in(site: Path, page: str) -> set[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_every_feed_has_the_required_atom_elements_and_every_entry_links_into_the_site(shipped):
    site = built_site()
    found = feeds_of(site)
    expected = {"feed.xml"} | {f"feeds/party-{p}.xml" for p in shipped.parties}
    assert set(found) == expected | {f"feeds/issue-{i}.xml" for i in shipped.issues}
    for name, feed in found.items():
        assert feed.tag == f"{ATOM}feed", name
        for required in ("id", "title", "updated", "author"):
            assert (feed.findtext(f"{ATOM}{required}") or feed.find(f"{ATOM}{required}")) is not None, (name, required)
        entries = feed.findall(f"{ATOM}entry")
        assert entries, name
        for entry in entries:
            for required in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{required}"), (name, required)
            href = entry.find(f"{ATOM}link").get("href")
            assert href.startswith(BASE_URL + "/"), href
            parts = urlsplit(href)
            page = parts.path.removeprefix(urlsplit(BASE_URL).path + "/")
            assert (site / page).is_file(), href
            assert not parts.fragment or parts.fragment in ids_in(site, page), href


def test_the_record_feed_has_an_entry_for_every_position_version(shipped):
    feed = feeds_of(built_site())["feed.xml"]
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    for c in shipped.versions:
        assert any(i.endswith(":" + version_key(c.party, c.issue, c.version)) for i in ids), c


def test_a_party_feed_holds_only_that_party(shipped):
    party = next(iter(shipped.parties))
    feed = feeds_of(built_site())[f"feeds/party-{party}.xml"]
    versions = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry") if ":version:" in e.findtext(f"{ATOM}id")]
    assert versions and all(f":version:{party}:" in v for v in versions)
    assert len(versions) == sum(1 for c in shipped.versions if c.party == party)


def test_entry_ids_and_dates_do_not_change_between_builds(shipped):
    first, second = build.render_feeds(shipped, BASE_URL), build.render_feeds(shipped, BASE_URL)
    assert first == second


def test_without_a_base_url_feed_links_are_relative_and_resolve(tmp_path):
    dataset, _ = check_folder(REPO / "tests" / "data" / "sample")
    pages = build.render_pages(dataset)
    for name, xml in build.render_feeds(dataset).items():
        for entry in ET.fromstring(xml).findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link").get("href")
            assert not urlsplit(href).scheme
            assert urlsplit(urljoin(f"http://site/{name}", href)).path.lstrip("/") in pages


def test_text_from_the_data_is_inert_in_the_feed(tmp_path):
    hostile = "<script>alert(1)</script> ]]> &amp; <entry><id>forged</id></entry>"
    folder = tmp_path / "hostile"
    shutil.copytree(REPO / "tests" / "data" / "sample", folder)
    path = folder / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["events"][0]["title"] = hostile
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    feed = ET.fromstring(build.render_feeds(dataset, BASE_URL)["feed.xml"])
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert any(t.endswith(hostile) for t in titles)
    assert "forged" not in [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert not list(feed.iter("script")) and not list(feed.iter(f"{ATOM}script"))

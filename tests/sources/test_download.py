"""Fetching a source's published copy: from a local server on 127.0.0.1, whole or not at all,
and one sentence when the network is not there."""

from __future__ import annotations

import pytest

from advisor.domain.errors import AdvisorError
from advisor.sources import litellm
from advisor.sources.download import download
from tests.sources.file_server import FileServer, closed_port_url
from tests.sources.test_litellm import SNAPSHOT


def test_the_published_copy_arrives_whole_and_reads(tmp_path):
    seen = []
    with FileServer(SNAPSHOT.parent) as server:
        path = download(
            litellm.INFO, tmp_path / "litellm", url=server.url(SNAPSHOT.name), progress=seen.append
        )
    assert path == tmp_path / "litellm" / SNAPSHOT.name
    assert path.read_bytes() == SNAPSHOT.read_bytes()
    assert seen and seen[-1] == SNAPSHOT.stat().st_size and seen == sorted(seen)
    assert server.requests == [f"/{SNAPSHOT.name}"]
    assert len(litellm.read(path).attributes) > 2000
    assert [p.name for p in path.parent.iterdir()] == [SNAPSHOT.name]  # no temporary left


def test_offline_is_one_sentence_and_nothing_is_saved(tmp_path):
    with pytest.raises(AdvisorError) as caught:
        download(litellm.INFO, tmp_path / "litellm", url=closed_port_url(SNAPSHOT.name))
    message = str(caught.value)
    assert "may be offline" in message and "sync it from disk" in message
    assert "\n" not in message and "Traceback" not in message
    assert not (tmp_path / "litellm" / SNAPSHOT.name).exists()


def test_an_http_error_keeps_the_earlier_copy(tmp_path):
    folder = tmp_path / "litellm"
    folder.mkdir()
    earlier = folder / SNAPSHOT.name
    earlier.write_text("{}", encoding="utf-8")
    with FileServer(SNAPSHOT.parent) as server:
        server.status = 503
        with pytest.raises(AdvisorError, match="answered HTTP 503"):
            download(litellm.INFO, folder, url=server.url(SNAPSHOT.name))
    assert earlier.read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in folder.iterdir()) == [SNAPSHOT.name]


@pytest.mark.parametrize("url", ["ftp://example.org/x.json", "not a url", "file:///etc/passwd"])
def test_only_web_addresses_are_fetched(tmp_path, url):
    with pytest.raises(AdvisorError, match="is not a web address"):
        download(litellm.INFO, tmp_path, url=url)


def test_a_source_without_one_file_says_where_to_get_it(tmp_path):
    from advisor.sources import models_dev

    with pytest.raises(AdvisorError, match="publishes no single file"):
        download(models_dev.INFO, tmp_path)

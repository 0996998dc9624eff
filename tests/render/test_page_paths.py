"""A page's source path is derived from its address (`common/urls.py`), never typed twice."""

from generator.common import urls


def test_every_fixed_page_is_served_at_its_address():
    for name in dir(urls):
        if name.endswith("_PAGE"):
            page = getattr(urls, name)
            served = page.removesuffix("index.md").removesuffix(".md")
            url = getattr(urls, name.removesuffix("_PAGE") + "_URL")
            assert served.rstrip("/") == url.rstrip("/"), name


def test_pages_and_folder_pages():
    assert urls.page_of("nhiem-vu/2026-01-02/") == "nhiem-vu/2026-01-02.md"
    assert urls.folder_page_of("thang/") == "thang/index.md"
    assert urls.folder_page_of(urls.HOME_URL) == "index.md"

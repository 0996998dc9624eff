"""Where the editor saves: the ward's GitHub repository, or decap-server on this machine.

The values come from the environment through mkdocs.yml (`CTCT_EDITOR_*`, see the README), so
they are checked here before they reach the configuration or the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.load.fields import url_problem

_REPO = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")
_BRANCH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,99}$")
_FOLDER = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


class SettingsError(ValueError):
    """A setting that cannot be used; the message is Vietnamese and names the variable."""


@dataclass(frozen=True)
class EditorSettings:
    """Where /admin/ reads and saves the content."""

    repo: str = ""
    """The GitHub repository, `owner/name`; '' when the editor is not connected."""
    branch: str = "main"
    """The branch the site is published from; proposals are pull requests into it."""
    auth_url: str = ""
    """The ward's sign-in service (OAuth proxy) for GitHub, https; '' for Netlify's."""
    proxy_url: str = ""
    """decap-server on this machine (`make edit`): saves land in the working tree."""
    content_path: str = "content"
    """Where content/ lies in the repository (the editor's paths start there)."""

    @property
    def local(self) -> bool:
        return bool(self.proxy_url)

    @property
    def connected(self) -> bool:
        return self.local or bool(self.repo)


def editor_settings(
    repo: str = "",
    branch: str = "",
    auth_url: str = "",
    proxy_url: str = "",
    content_path: str = "content",
) -> EditorSettings:
    """Checked settings; SettingsError says which variable is wrong and how to write it."""
    repo, branch = repo.strip(), branch.strip() or "main"
    auth_url, proxy_url = auth_url.strip().rstrip("/"), proxy_url.strip()
    if repo and (not _REPO.match(repo) or ".." in repo):
        raise SettingsError(
            f"CTCT_EDITOR_REPO '{repo[:80]}' phải là kho GitHub dạng chủ/tên, ví dụ "
            "ubnd-phuong-an-bien/chuong-trinh-cong-tac"
        )
    if not _BRANCH.match(branch) or ".." in branch:
        raise SettingsError(f"CTCT_EDITOR_BRANCH '{branch[:80]}' không phải tên nhánh git")
    if auth_url and (why := url_problem(auth_url)):
        raise SettingsError(f"CTCT_EDITOR_AUTH_URL: {why}")
    if proxy_url and (why := _proxy_problem(proxy_url)):
        raise SettingsError(f"CTCT_EDITOR_PROXY_URL: {why}")
    if not _FOLDER.match(content_path) or len(content_path) > 200:
        raise SettingsError(
            f"content_in_repo '{content_path[:80]}' phải là đường dẫn tương đối của thư mục dữ "
            "liệu trong kho, ví dụ content"
        )
    return EditorSettings(repo, branch, auth_url, proxy_url, content_path)


def _proxy_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"'{url[:80]}' không phải một địa chỉ"
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS or port is None:
        return (
            f"'{url[:80]}' phải là decap-server trên chính máy này, "
            "ví dụ http://127.0.0.1:8081/api/v1"
        )
    if re.search(r"[\s\"'<>`\\]", url):
        return "địa chỉ không được chứa khoảng trắng, dấu nháy hay < >"
    return None

"""Where the editor saves: the ward's repository on its git host, or decap-server on this machine.

Hosts: GitHub (sign-in through the ward's OAuth proxy), GitLab, Gitea and Forgejo (sign-in with
the host's own OAuth application, PKCE, no secret). GitHub, GitLab and Forgejo keep Decap's
editorial workflow (a change is a pull or merge request the Office reviews); Decap's Gitea
backend has none, so there a change is a commit on the configured branch, which the host must
protect (docs: "Đăng trang và trang quản trị").

The values come from the environment through mkdocs.yml (`CTCT_EDITOR_*`, see the docs), so
they are checked here before they reach the configuration or the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.load.fields import url_problem

_REPO = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")
_BRANCH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,99}$")
_APP_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_FOLDER = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$")
LOCAL_HOSTS = ("127.0.0.1", "localhost")
HOSTS = ("github", "gitlab", "gitea", "forgejo")
"""The git hosts the editor can save to (Decap's backends of the same names)."""
WITHOUT_REVIEW = ("gitea",)
"""Hosts whose Decap backend has no editorial workflow: changes are commits on the branch."""
API_PATHS = {"gitlab": "/api/v4", "gitea": "/api/v1", "forgejo": "/api/v1"}
BUNDLE_FOLDER = "admin-bundle"
"""Where a province serves Decap's bundle once, for every ward (`<portal>/admin-bundle/`)."""
SHARED_BUNDLE = f"../../{BUNDLE_FOLDER}/"
"""The shared bundle as a ward's `/admin/` page reaches it (`<portal>/<id>/admin/`)."""


class SettingsError(ValueError):
    """A setting that cannot be used; the message is Vietnamese and names the variable."""


@dataclass(frozen=True)
class EditorSettings:
    """Where /admin/ reads and saves the content."""

    repo: str = ""
    """The repository, `owner/name`; '' when the editor is not connected."""
    host: str = "github"
    """One of `HOSTS`."""
    branch: str = "main"
    """The branch the site is published from; proposals are pull requests into it."""
    auth_url: str = ""
    """The ward's sign-in service (OAuth proxy) for GitHub, https; '' for Netlify's."""
    proxy_url: str = ""
    """decap-server on this machine (`make edit`): saves land in the working tree."""
    content_path: str = "content"
    """Where content/ lies in the repository (the editor's paths start there)."""
    api_root: str = ""
    """The API of a GitLab, Gitea or Forgejo host (`https://git.example.org/api/v1`); '' is
    gitlab.com for GitLab."""
    app_id: str = ""
    """The id of the OAuth application made for the editor on that host."""
    shared_bundle: bool = False
    """Decap's bundle is the province's (`SHARED_BUNDLE`, `build-all`), not copied into /admin/."""

    @property
    def server_url(self) -> str:
        """The host's own address, where its sign-in page is: the API root without its path."""
        path = API_PATHS.get(self.host, "")
        return self.api_root.removesuffix(path) if path else ""

    @property
    def review(self) -> bool:
        """Changes are proposals reviewed before they reach the branch (editorial workflow)."""
        return not self.local and self.host not in WITHOUT_REVIEW

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
    backend: str = "github",
    api_root: str = "",
    app_id: str = "",
) -> EditorSettings:
    """Checked settings; SettingsError says which variable is wrong and how to write it."""
    repo, branch = repo.strip(), branch.strip() or "main"
    auth_url, proxy_url = auth_url.strip().rstrip("/"), proxy_url.strip()
    host = backend.strip().lower() or "github"
    api_root, app_id = api_root.strip().rstrip("/"), app_id.strip()
    if host not in HOSTS:
        raise SettingsError(
            f"CTCT_EDITOR_BACKEND '{host[:80]}' phải là một trong: {', '.join(HOSTS)}"
        )
    if repo and (not _REPO.match(repo) or ".." in repo):
        raise SettingsError(
            f"CTCT_EDITOR_REPO '{repo[:80]}' phải là kho dạng chủ/tên, ví dụ "
            "ubnd-phuong-an-bien/chuong-trinh-cong-tac"
        )
    if repo and not proxy_url:
        _check_host(host, api_root, app_id)
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
    return EditorSettings(repo, host, branch, auth_url, proxy_url, content_path, api_root, app_id)


def _check_host(host: str, api_root: str, app_id: str) -> None:
    """GitLab, Gitea and Forgejo sign in with the host's OAuth application (PKCE)."""
    if host == "github":
        return
    if host != "gitlab" and not api_root:
        raise SettingsError(
            f"CTCT_EDITOR_API_ROOT: {host} cần địa chỉ API của máy chủ git, ví dụ "
            f"https://git.example.org{API_PATHS[host]}"
        )
    if api_root and ((why := url_problem(api_root)) or not api_root.endswith(API_PATHS[host])):
        raise SettingsError(
            f"CTCT_EDITOR_API_ROOT: {why or 'địa chỉ phải kết thúc bằng ' + API_PATHS[host]}"
            f", ví dụ https://git.example.org{API_PATHS[host]}"
        )
    if not _APP_ID.match(app_id):
        raise SettingsError(
            f"CTCT_EDITOR_APP_ID: {host} cần mã ứng dụng OAuth (Application ID) tạo trên máy "
            "chủ git cho trang quản trị: chữ, số, '-' và '_'"
        )


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

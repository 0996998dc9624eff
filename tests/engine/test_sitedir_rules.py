"""The site folder's rules, shared by `build` and `build-all` (`engine/sitedir.py`)."""

import fcntl

import pytest

from generator.engine.sitedir import BuildRefused, config_and_repository, hold, refuse_protected


def test_the_config_folder_and_the_repository_above_it_are_protected(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "ward").mkdir()
    assert config_and_repository(tmp_path / "ward" / "mkdocs.yml") == {
        "thư mục cấu hình (mkdocs.yml)": tmp_path / "ward",
        "gốc kho mã (.git)": tmp_path,
    }


def test_a_site_may_lie_only_in_the_roles_not_named_within(tmp_path):
    protected = {"thư mục dữ liệu": tmp_path / "content", "thư mục tỉnh": tmp_path / "p"}
    refuse_protected(tmp_path / "p" / "site", protected, within=("thư mục dữ liệu",))
    with pytest.raises(BuildRefused, match="nằm trong thư mục dữ liệu"):
        refuse_protected(tmp_path / "content" / "site", protected, within=("thư mục dữ liệu",))
    with pytest.raises(BuildRefused, match="là hoặc chứa thư mục dữ liệu"):
        refuse_protected(tmp_path, protected)


def test_a_held_lock_refuses_a_second_build(tmp_path):
    with (tmp_path / "lock").open("a") as first, (tmp_path / "lock").open("a") as second:
        fcntl.flock(first, fcntl.LOCK_EX)
        with pytest.raises(BuildRefused, match="một lần dựng khác đang ghi vào"):
            hold(second, tmp_path / "site")

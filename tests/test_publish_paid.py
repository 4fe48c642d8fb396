"""Marking posts paid from the command line: `post set ID --paid KIND` with budget, currency
and days, `--organic`, `--not-marked`; `post list` and `--json` show the mark; every mistake is
one `liveassets:` line and changes nothing; a post saved before marks existed reads "not
marked"; each mark is one undoable change with its own label (PostStore.set_paid)."""

import json

import pytest

from cli_helpers import cli, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.publish.paid import PaidError, details, mark
from liveassets.publish.posts import PostStore
from test_publish_cli import lib  # noqa: F401  (fixture)


@pytest.fixture
def post_id(lib, capsys):  # noqa: F811
    code, out, err = cli(capsys, "--library", lib, "post", "new", "--assets", "tag:creator:@nova",
                         "--caption", "Night one recap", "--json")
    assert code == 0, err
    return json.loads(out)["id"]


def _listed(capsys, lib):  # noqa: F811
    code, out, _ = cli(capsys, "--library", lib, "post", "list", "--json")
    assert code == 0
    return json.loads(out)[0]


def test_mark_paid_organic_and_forget(capsys, lib, post_id):  # noqa: F811
    assert (_listed(capsys, lib)["paid"], _listed(capsys, lib)["paid_label"]) == (
        None, "not marked")
    code, out, err = cli(capsys, "--library", lib, "post", "set", post_id, "--paid", "Spark Ads",
                         "--budget", "1,250.5", "--currency", "aud", "--from", "24/11/2026",
                         "--to", "30 Nov 2026")   # typed as the team writes dates
    assert code == 0, err
    assert out.strip() == (f"Post {post_id} (tiktok): paid: Spark Ads, AUD 1,250.50, "
                           "2026-11-24 to 2026-11-30.")
    listed = _listed(capsys, lib)
    assert listed["paid"] == {"kind": "spark", "budget": 1250.5, "currency": "AUD",
                              "from": "2026-11-24", "to": "2026-11-30"}
    assert listed["paid_label"] == "paid: Spark Ads"
    code, out, _ = cli(capsys, "--library", lib, "post", "list")
    assert out.rstrip().endswith("[paid: Spark Ads]")
    code, out, _ = cli(capsys, "--library", lib, "post", "set", post_id, "--organic")
    assert code == 0 and out.strip() == f"Post {post_id} (tiktok): organic."
    assert _listed(capsys, lib)["paid"]["kind"] == "organic"
    code, out, _ = cli(capsys, "--library", lib, "post", "set", post_id, "--not-marked")
    assert code == 0 and _listed(capsys, lib)["paid"] is None


@pytest.mark.parametrize("args, words", [
    (["--paid", "sparks"], '"sparks" is not a kind of paid post: use spark (TikTok Spark Ads), '
                           "boost (Instagram or Facebook Boost post), promotion"),
    (["--paid", "boost", "--budget", "12x", "--currency", "NZD"], '"12x" is not an amount'),
    (["--paid", "boost", "--budget", "-5", "--currency", "NZD"], '"-5" is not a budget'),
    (["--paid", "boost", "--budget", "nan", "--currency", "NZD"], '"nan" is not a budget'),
    (["--paid", "boost", "--budget", "50"], "Say the budget's currency too"),
    (["--paid", "boost", "--currency", "dollars"], '"dollars" is not a currency code'),
    (["--paid", "spark", "--from", "2026-12-01", "--to", "2026-11-30"],
     "ends (2026-11-30) before it starts (2026-12-01)"),
    (["--paid", "spark", "--from", "11/24/2026"], "write day first, 24/11/2026"),
    (["--organic", "--budget", "5"], "An organic post has no budget"),
    (["--not-marked", "--currency", "AUD"], "--not-marked forgets the mark"),
])
def test_mistakes_are_one_line_and_change_nothing(capsys, lib, post_id, args, words):  # noqa: F811
    cli(capsys, "--library", lib, "post", "set", post_id, "--paid", "promotion")
    code, _, err = cli(capsys, "--library", lib, "post", "set", post_id, *args)
    assert code == 1 and words in one_line(err)
    assert _listed(capsys, lib)["paid"]["kind"] == "promotion"


def test_an_unknown_post_is_one_line(capsys, lib):  # noqa: F811
    code, _, err = cli(capsys, "--library", lib, "post", "set", "nope", "--paid", "spark")
    assert code == 1 and "No post with id nope" in one_line(err)


def test_a_post_saved_before_marks_existed_reads_not_marked(lib, post_id):  # noqa: F811
    with Catalog(lib) as cat:
        records = cat.records("posts")
        doc = dict(records.get(post_id))
        del doc["paid"]
        records.put(doc, label="An old post")
        post = PostStore(cat).get(post_id)
        assert post.paid is None and details(post.paid) == "not marked"
        store = PostStore(cat)
        labels = [store.set_paid(post_id, m).label for m in (mark("boost"), mark("organic"),
                                                             None)]
        assert labels == ["Mark post paid (Boost)", "Mark post organic", "Clear the paid mark"]
        last = store.set_paid(post_id, mark("spark"))
        cat.undo(last)
        assert store.get(post_id).paid is None


def test_kinds_in_the_platforms_words():
    assert mark("Spark Ads")["kind"] == "spark" and mark("promote")["kind"] == "promotion"
    assert details(mark("boost", "99", "nzd")) == "paid: Boost, NZD 99.00"
    with pytest.raises(PaidError, match="is not a kind of paid post"):
        mark("ads")

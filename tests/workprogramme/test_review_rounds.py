"""Issue 14.4: a return needs an overall reason or a comment on a returned indicator; each review round's
comments stay in the history (with their round) and only the current round's open ones show; the
review conversation is not for API readers."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from workprogramme.models import Submission, SubmissionIndicator, SubmissionTransition
from workprogramme.selectors import review_rounds
from workprogramme.services import (
    submission_resubmit,
    submission_return_for_correction,
    submission_save_draft,
    submission_submit,
    submission_validate,
)

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(kenya_draft, nfp_kenya, complete_entries):
    kenya_draft.refresh_from_db()
    submission_save_draft(
        submission=kenya_draft, user=nfp_kenya, expected_version=kenya_draft.version, entries=complete_entries
    )
    submission_submit(submission=kenya_draft, user=nfp_kenya)
    kenya_draft.refresh_from_db()
    return kenya_draft


def _snapshot(submission):
    submission.refresh_from_db()
    return (
        submission.state,
        submission.version,
        SubmissionTransition.objects.filter(submission=submission).count(),
        SubmissionIndicator.history.filter(submission_id=submission.pk).count(),
    )


# --- a return needs a word ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "indicator_comments"),
    [("", {}), ("   ", {}), ("", {"1.1": "   "}), ("\n", {"1.1": ""})],
)
def test_a_return_without_a_comment_is_refused_and_writes_nothing(
    submitted, secretariat_user, comment, indicator_comments
):
    before = _snapshot(submitted)
    comments = {sf_indicator(code).pk: text for code, text in indicator_comments.items()}
    with pytest.raises(ValidationError) as error:
        submission_return_for_correction(
            submission=submitted, user=secretariat_user, comment=comment, indicator_comments=comments
        )
    assert "comment" in error.value.message_dict
    assert _snapshot(submitted) == before


def test_api_answers_400_for_a_return_without_a_comment(api_client, secretariat_user, submitted):
    api_client.force_authenticate(secretariat_user)
    before = _snapshot(submitted)
    ldn = sf_indicator("1.1").pk
    response = api_client.post(
        f"/api/v1/submissions/{submitted.pk}/return/",
        {"comment": " ", "indicator_comments": {str(ldn): "  "}},
        format="json",
    )
    assert response.status_code == 400 and "comment" in response.json()
    assert _snapshot(submitted) == before


def test_the_review_form_shows_the_error(client, secretariat_user, submitted):
    client.force_login(secretariat_user)
    before = _snapshot(submitted)
    response = client.post(
        reverse("workprogramme:submission_review", args=[submitted.pk]),
        {"version": submitted.version, "comment": "  ", "decision": "return"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give an overall reason or a comment on at least one indicator to return the report." in page
    assert 'id="error-summary"' in page
    assert _snapshot(submitted) == before


def test_a_comment_on_one_indicator_is_enough(submitted, secretariat_user):
    ldn = sf_indicator("1.1").pk
    submission_return_for_correction(
        submission=submitted, user=secretariat_user, comment="", indicator_comments={ldn: "Which targets?"}
    )
    submitted.refresh_from_db()
    assert submitted.state == "returned"


# --- rounds ------------------------------------------------------------------------------------------


def test_each_round_is_kept_and_only_the_open_comments_show(
    client, submitted, nfp_kenya, secretariat_user, django_assert_max_num_queries
):
    ldn, other = sf_indicator("1.1").pk, sf_indicator("5.2").pk
    submission_return_for_correction(
        submission=submitted,
        user=secretariat_user,
        comment="Round one: check 1.1.",
        indicator_comments={ldn: "ROUND-ONE-COMMENT"},
    )
    submitted.refresh_from_db()
    assert submitted.reported_indicators.get(indicator_id=ldn).review_round == 1
    page = _detail(client, nfp_kenya, submitted)
    assert "ROUND-ONE-COMMENT" in _open_comments(page)  # the country sees what to correct

    submission_resubmit(submission=submitted, user=nfp_kenya)
    submitted.refresh_from_db()
    assert submitted.review_round == 2
    assert not submitted.reported_indicators.exclude(reviewer_comment="").exists()
    page = _detail(client, secretariat_user, submitted)
    assert "ROUND-ONE-COMMENT" not in _open_comments(page)  # not an open comment any more
    assert 'data-round="1"' in page and "ROUND-ONE-COMMENT" in page  # in the history
    review = client.get(reverse("workprogramme:submission_review", args=[submitted.pk])).content.decode()
    assert "ROUND-ONE-COMMENT" not in review  # the new round starts empty

    submission_return_for_correction(
        submission=submitted,
        user=secretariat_user,
        comment="",
        indicator_comments={other: "ROUND-TWO-COMMENT"},
    )
    submission_resubmit(submission=submitted, user=nfp_kenya)
    submission_validate(submission=submitted, user=secretariat_user)
    with django_assert_max_num_queries(6):
        rounds = review_rounds(submitted)
    assert [(r["round"], r["comment"], r["indicators"]) for r in rounds] == [
        (1, "Round one: check 1.1.", [("1.1", "ROUND-ONE-COMMENT")]),
        (2, "", [("5.2", "ROUND-TWO-COMMENT")]),
    ]
    page = _detail(client, secretariat_user, submitted)
    assert _open_comments(page) == ""  # the validated report carries no open comment
    assert "ROUND-ONE-COMMENT" in page and "ROUND-TWO-COMMENT" in page  # both rounds in the history
    steps = dict(submitted.transitions.filter(to_state="returned").values_list("pk", "review_round"))
    assert sorted(steps.values()) == [1, 2]


def _detail(client, user, submission) -> str:
    client.force_login(user)
    return client.get(reverse("workprogramme:submission_detail", args=[submission.pk])).content.decode()


def _open_comments(page: str) -> str:
    """The text of the open reviewer comments shown with the values."""
    return " ".join(part.split("</div>")[0] for part in page.split('data-role="open-comment"')[1:])


# --- API readers -------------------------------------------------------------------------------------


@pytest.fixture
def validated_after_a_return(submitted, nfp_kenya, secretariat_user):
    submission_return_for_correction(
        submission=submitted,
        user=secretariat_user,
        comment="REVIEW-CONVERSATION-7731",
        indicator_comments={sf_indicator("1.1").pk: "REVIEWER-COMMENT-7732"},
    )
    # the comment stays open on the row until resubmission: put it back after to prove the API hides it
    submission_resubmit(submission=submitted, user=nfp_kenya)
    submission_validate(submission=submitted, user=secretariat_user)
    SubmissionIndicator.objects.filter(submission=submitted, indicator=sf_indicator("1.1")).update(
        reviewer_comment="REVIEWER-COMMENT-7732"
    )
    return Submission.objects.get(pk=submitted.pk)


@pytest.mark.parametrize("url", ["/api/v1/submissions/", "/api/v1/submissions/{pk}/"])
def test_api_reader_reads_no_review_conversation(api_client, api_reader, validated_after_a_return, url):
    api_client.force_authenticate(api_reader)
    response = api_client.get(url.format(pk=validated_after_a_return.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert str(validated_after_a_return.pk) in body  # it reads the validated report
    assert "transitions" not in body and "reviewer_comment" not in body
    assert "REVIEW-CONVERSATION-7731" not in body and "REVIEWER-COMMENT-7732" not in body


@pytest.mark.parametrize("who", ["secretariat_user", "nfp_kenya", "coordinator_africa"])
def test_the_conversation_stays_for_its_parties(request, api_client, validated_after_a_return, who):
    api_client.force_authenticate(request.getfixturevalue(who))
    body = api_client.get(f"/api/v1/submissions/{validated_after_a_return.pk}/").json()
    assert any(step["comment"] == "REVIEW-CONVERSATION-7731" for step in body["transitions"])
    assert "reviewer_comment" in body["values"][0]


def test_api_list_query_count(
    api_client, api_reader, validated_after_a_return, django_assert_max_num_queries
):
    api_client.force_authenticate(api_reader)
    with django_assert_max_num_queries(10):
        assert api_client.get("/api/v1/submissions/").status_code == 200

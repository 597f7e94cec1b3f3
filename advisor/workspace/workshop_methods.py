"""The workspace's workshop methods, which `Workspace` inherits: a case's workshop, its
respondents and their links, the consensus, and a respondent's questionnaire and answers.

Each method imports the workshop queries (and through them the workshop's reader and the
engine) when it is first called: opening the store to list clients loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Connection

from advisor.workspace.model import LINK_DAYS

if TYPE_CHECKING:
    from advisor.workshop import Answer, Respondent
    from advisor.workspace.identity import Actor
    from advisor.workspace.workshops import Questionnaire, Workshop, WorkshopRespondent

T = TypeVar("T")


class WorkshopMethods:
    """A case's workshop, through the acting user's `Workspace`."""

    if TYPE_CHECKING:
        actor: Actor

        def _read(self, query: Callable[[Connection], T]) -> T: ...

        def _write(self, work: Callable[[Connection], T], conflict: str = "") -> T: ...

    def workshop(self, case_id: int) -> Workshop | None:
        """The case's workshop with its respondents, or None when it has none."""
        from advisor.workspace import workshops as workshop_queries

        return self._read(lambda c: workshop_queries.get_workshop(c, self.actor, case_id))

    def start_workshop(
        self, case_id: int, days: int = LINK_DAYS, language: str | None = None
    ) -> Workshop:
        """Start a workshop on the case, its questionnaire in `language` (None: none), or open
        its closed one again (answers and language kept); its respondents' links work for
        `days` from now (an open one's are extended)."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.start_workshop(c, self.actor, case_id, days, language)
        )

    def set_workshop_language(self, case_id: int, language: str | None) -> Workshop:
        """Set the questionnaire's language ("en", "es"; None: none) (owner, collaborator)."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.set_language(c, self.actor, case_id, language)
        )

    def close_workshop(self, case_id: int) -> Workshop:
        """Close the case's workshop: every respondent's link stops working."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(lambda c: workshop_queries.close_workshop(c, self.actor, case_id))

    def add_respondent(
        self, case_id: int, name: str, role: str = "other"
    ) -> tuple[WorkshopRespondent, str]:
        """Add a respondent; returns them and their link token, which is never stored.

        Show the token once: only its hash is kept, so it cannot be shown again.
        """
        from advisor.workshop.tokens import hash_token, new_token
        from advisor.workspace import workshops as workshop_queries

        token = new_token()

        def work(connection: Connection) -> WorkshopRespondent:
            return workshop_queries.add_respondent(
                connection, self.actor, case_id, name, role, hash_token(token)
            )

        return self._write(work), token

    def add_respondents(
        self, case_id: int, people: Sequence[tuple[str, str]]
    ) -> list[tuple[WorkshopRespondent, str]]:
        """Add several respondents (name, role) at once, all or none; each with their token.

        Like `add_respondent`, the tokens are returned once and never stored.
        """
        from advisor.workshop.tokens import hash_token, new_token
        from advisor.workspace import workshops as workshop_queries

        tokens = [new_token() for _ in people]

        def work(connection: Connection) -> list[WorkshopRespondent]:
            return [
                workshop_queries.add_respondent(
                    connection, self.actor, case_id, name, role, hash_token(token)
                )
                for (name, role), token in zip(people, tokens, strict=True)
            ]

        return list(zip(self._write(work), tokens, strict=True))

    def set_workshop_settings(
        self, case_id: int, *, quorum: int | None = None, anonymous: bool | None = None
    ) -> Workshop:
        """Set the workshop's quorum and whether the room view names respondents (owner)."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.set_settings(c, self.actor, case_id, quorum, anonymous)
        )

    def revoke_respondent(self, case_id: int, respondent_id: int, revoked: bool = True) -> Workshop:
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.revoke_respondent(
                c, self.actor, case_id, respondent_id, revoked
            )
        )

    def replace_link(self, case_id: int, respondent_id: int) -> tuple[WorkshopRespondent, str]:
        """A new link for a respondent (their old one stops working); the token, shown once."""
        from advisor.workshop.tokens import hash_token, new_token
        from advisor.workspace import workshops as workshop_queries

        token = new_token()

        def work(connection: Connection) -> WorkshopRespondent:
            return workshop_queries.replace_link(
                connection, self.actor, case_id, respondent_id, hash_token(token)
            )

        return self._write(work), token

    def set_consensus(self, case_id: int, question: str, value: Any) -> Workshop:
        """Set one question's consensus; `value` None gives it back to the respondents."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.set_override(c, self.actor, case_id, question, value)
        )

    def workshop_answers(self, case_id: int) -> list[Respondent]:
        """Every respondent not revoked with their answers, for `workshop.compare`."""
        from advisor.workspace import workshops as workshop_queries

        return self._read(
            lambda c: workshop_queries.workshop_respondents_answers(c, self.actor, case_id)
        )

    # A respondent's link: the token is the key, whoever the acting user is.

    def questionnaire(self, token: object) -> Questionnaire:
        """What the token's link opens; `WorkspaceError` "this link is not valid" otherwise."""
        from advisor.workspace import workshops as workshop_queries

        return self._read(lambda c: workshop_queries.questionnaire(c, token))

    def save_answer(self, token: object, question: str, value: Any, comment: object = "") -> Answer:
        """Save one answer through a respondent's link (the link is checked again first)."""
        from advisor.workspace import workshops as workshop_queries

        return self._write(
            lambda c: workshop_queries.save_answer(c, token, question, value, comment)
        )

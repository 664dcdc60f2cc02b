"""factory_boy factories for the portal's models."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.services import user_assign_role

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    """A user; pass `role=` (and `country=` or `region=`) to give them a role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role(user, create, role, **kwargs):
        if role:
            user_assign_role(user=user, role=role, country=user.country, region=user.region)

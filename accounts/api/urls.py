from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("api-clients", views.APIClientViewSet, basename="api-client")
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("auth/token/", views.ObtainTokenView.as_view(), name="api-token"),
    path("auth/tokens/", views.OwnTokenListView.as_view(), name="api-own-tokens"),
    path("auth/tokens/<int:pk>/", views.OwnTokenDetailView.as_view(), name="api-own-token"),
    *router.urls,
]

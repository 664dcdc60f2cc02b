from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="region_list"),
    path("parties/", views.country_list, name="country_list"),
    path("parties/<str:iso3>/", views.country_detail, name="country_detail"),
]

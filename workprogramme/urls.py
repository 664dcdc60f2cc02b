from django.urls import path

from . import views

app_name = "workprogramme"

urlpatterns = [
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework_detail"),
]

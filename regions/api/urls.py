from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("regions", views.RegionViewSet, basename="region")
router.register("countries", views.CountryViewSet, basename="country")
router.register("regional-offices", views.RegionalOfficeViewSet, basename="regional-office")
router.register("host-institutions", views.HostInstitutionViewSet, basename="host-institution")
router.register("mous", views.MoUViewSet, basename="mou")
router.register("regional-committees", views.RegionalCommitteeViewSet, basename="regional-committee")
router.register("committee-meetings", views.CommitteeMeetingViewSet, basename="committee-meeting")
router.register("committee-reports", views.CommitteeReportViewSet, basename="committee-report")
router.register("thematic-networks", views.NetworkViewSet, basename="thematic-network")
router.register("focal-points", views.FocalPointViewSet, basename="focal-point")
router.register("focal-point-handovers", views.FocalPointHandoverViewSet, basename="focal-point-handover")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")

urlpatterns = router.urls

app_name = "workgroups"

urlpatterns = []

app_name = "elections"

urlpatterns = []

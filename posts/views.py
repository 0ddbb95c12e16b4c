from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from core import registry
from core.actions import ServiceFormMixin
from core.fragments import CachedCountMixin, later, visitor_variant
from core.pagecache import cache_public_page
from core.ratelimit import rate_limit
from core.roles import CoordinatorRequiredMixin, RoleRequiredMixin, get_roles
from core.uploads import file_response
from partners.models import Organisation
from posts import policies, services
from posts.filters import PostFilter
from posts.forms import PostForm, RejectForm
from posts.ical import events_calendar
from posts.models import Post


class PostAuthorRequiredMixin(RoleRequiredMixin):
    """Contacts of an active partner organisation: they write the posts."""

    def has_role(self, roles):
        return roles.is_partner_contact


@method_decorator(cache_public_page, name="dispatch")
class PostListView(CachedCountMixin, FilterView):
    model = Post
    filterset_class = PostFilter
    paginate_by = 10
    template_name = "posts/post_list.html"
    # What the list and its fragments show (core/fragments.py); current posts change
    # with the clock.
    count_depends = ("posts", "partners", "circulars")
    count_clock = True

    def get_queryset(self):
        return Post.objects.current().select_related("organisation")

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            # Built only when the list's fragment is rendered afresh (core/fragments.py).
            upcoming_events=later(
                lambda: list(Post.objects.upcoming_events().select_related("organisation")[:5])
            ),
            # Other apps' news beside the posts (public circulars): core.registry.
            news_sections=later(lambda: registry.collect("news_sections", request)),
            fragment_variant=visitor_variant(request, self.filterset),
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class PostDetailView(DetailView):
    def get_queryset(self):
        return Post.objects.visible_to(self.request.user).select_related("organisation")

    def get_context_data(self, **kwargs):
        user = self.request.user
        post = self.object
        return super().get_context_data(
            may_edit=policies.can_edit_post(user, post),
            may_submit=policies.can_submit_post(user, post),
            may_delete=policies.can_delete_post(user, post),
            may_moderate=policies.can_publish_post(user, post),
            **kwargs,
        )


def post_image(request, slug):
    post = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    if not post.image:
        return HttpResponse(status=404)
    return file_response(post.image, inline=True)


@cache_public_page
def events_ical(request):
    response = HttpResponse(events_calendar(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="termine.ics"'
    return response


class OwnPostListView(PostAuthorRequiredMixin, ListView):
    template_name = "posts/post_list_own.html"

    def get_queryset(self):
        return (
            Post.objects.of_user(self.request.user)
            .select_related("organisation")
            .order_by("-updated_at")
        )


class PostFormMixin(ServiceFormMixin):
    form_class = PostForm

    def get_form_kwargs(self):
        organisations = Organisation.objects.filter(
            pk__in=[o.pk for o in get_roles(self.request.user).organisations]
        )
        return {**super().get_form_kwargs(), "organisations": organisations}

    def fields(self, form):
        return {name: value for name, value in form.cleaned_data.items() if name != "organisation"}


@method_decorator(rate_limit("post", limit=20, period=60), name="dispatch")
class PostCreateView(PostAuthorRequiredMixin, PostFormMixin, FormView):
    template_name = "posts/post_form.html"
    success_message = gettext_lazy(
        "Der Entwurf ist gespeichert. Reichen Sie ihn ein, wenn er fertig ist."
    )

    def perform(self, form):
        return services.create_post(
            organisation=form.cleaned_data["organisation"],
            by=self.request.user,
            **self.fields(form),
        )


class PostUpdateView(PostAuthorRequiredMixin, PostFormMixin, SingleObjectMixin, FormView):
    template_name = "posts/post_form.html"
    success_message = gettext_lazy("Der Beitrag ist gespeichert.")

    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def perform(self, form):
        return services.update_post(post=self.object, by=self.request.user, **self.fields(form))


class PostActionMixin:
    """GET asks for confirmation, POST calls `perform(post)`; refusals become messages."""

    refused_url = "posts:mine"

    def post(self, request, *args, **kwargs):
        post = self.get_object()
        try:
            message = self.perform(post)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect(self.get_refused_url(post))
        messages.success(request, message)
        return redirect(self.success_url)

    def get_refused_url(self, post):
        return reverse(self.refused_url)


@method_decorator(rate_limit("post", limit=20, period=60), name="dispatch")
class PostSubmitView(PostAuthorRequiredMixin, PostActionMixin, DetailView):
    """GET asks for confirmation, POST submits the post for moderation."""

    template_name = "posts/post_confirm_submit.html"
    success_url = reverse_lazy("posts:mine")

    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def get_refused_url(self, post):
        return reverse("posts:update", kwargs={"slug": post.slug})

    def perform(self, post):
        services.submit_post(post=post, by=self.request.user)
        return _("Der Beitrag ist eingereicht. Die Koordination prüft ihn und gibt ihn frei.")


class PostDeleteView(PostAuthorRequiredMixin, PostActionMixin, DetailView):
    """GET asks for confirmation, POST deletes the draft."""

    template_name = "posts/post_confirm_delete.html"
    success_url = reverse_lazy("posts:mine")

    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def perform(self, post):
        services.delete_post(post=post, by=self.request.user)
        return _("„%(title)s“ ist gelöscht.") % {"title": post.title}


class ModerationQueueView(CoordinatorRequiredMixin, ListView):
    template_name = "posts/post_moderation.html"

    def get_queryset(self):
        return Post.objects.awaiting_moderation().select_related("organisation", "author")


class PostPublishView(CoordinatorRequiredMixin, PostActionMixin, DetailView):
    template_name = "posts/post_confirm_publish.html"
    success_url = reverse_lazy("posts:moderation")
    refused_url = "posts:moderation"

    def get_queryset(self):
        return Post.objects.awaiting_moderation().select_related("organisation", "author")

    def perform(self, post):
        post = services.publish_post(post=post, by=self.request.user)
        return _("„%(title)s“ ist veröffentlicht.") % {"title": post.title}


class PostRejectView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    template_name = "posts/post_confirm_reject.html"
    form_class = RejectForm
    success_url = reverse_lazy("posts:moderation")

    @cached_property
    def post_object(self):
        return get_object_or_404(
            Post.objects.awaiting_moderation().select_related("organisation", "author"),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.post_object, **kwargs)

    def perform(self, form):
        return services.reject_post(
            post=self.post_object, by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self, post):
        return _(
            "„%(title)s“ ist abgelehnt; die Verfasserin oder der Verfasser erhält den Grund per E-Mail."
        ) % {"title": post.title}

    def get_success_url(self):
        return str(self.success_url)

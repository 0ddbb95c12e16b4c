from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from netzwerk.pagecache import cache_public_page
from netzwerk.ratelimit import rate_limit
from netzwerk.roles import CoordinatorRequiredMixin, RoleRequiredMixin, get_roles
from netzwerk.uploads import file_response
from partners.models import Organisation
from posts import services
from posts.filters import PostFilter
from posts.forms import PostForm, RejectForm
from posts.ical import events_calendar
from posts.models import Post


class PostAuthorRequiredMixin(RoleRequiredMixin):
    """Contacts of an active partner organisation: they write the posts."""

    def has_role(self, roles):
        return roles.is_partner_contact


@method_decorator(cache_public_page, name="dispatch")
class PostListView(FilterView):
    model = Post
    filterset_class = PostFilter
    paginate_by = 10
    template_name = "posts/post_list.html"

    def get_queryset(self):
        return Post.objects.current().select_related("organisation")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming_events=Post.objects.upcoming_events().select_related("organisation")[:5],
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class PostDetailView(DetailView):
    def get_queryset(self):
        return Post.objects.visible_to(self.request.user).select_related("organisation")

    def get_context_data(self, **kwargs):
        roles = get_roles(self.request.user)
        post = self.object
        own = any(o.pk == post.organisation_id for o in roles.organisations)
        return super().get_context_data(
            may_edit=own and post.can_edit(),
            may_moderate=roles.is_coordinator and post.can_publish(),
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


class PostFormMixin:
    model = Post
    form_class = PostForm

    def get_form_kwargs(self):
        organisations = Organisation.objects.filter(
            pk__in=[o.pk for o in get_roles(self.request.user).organisations]
        )
        return {**super().get_form_kwargs(), "organisations": organisations}

    def save_through(self, form, service):
        fields = {
            name: value for name, value in form.cleaned_data.items() if name != "organisation"
        }
        try:
            return service(by=self.request.user, **fields)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return None


@method_decorator(rate_limit("post", limit=20, period=60), name="dispatch")
class PostCreateView(PostAuthorRequiredMixin, PostFormMixin, CreateView):
    def form_valid(self, form):
        post = self.save_through(
            form,
            lambda **fields: services.create_post(
                organisation=form.cleaned_data["organisation"], **fields
            ),
        )
        if post is None:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Der Entwurf ist gespeichert. Reichen Sie ihn ein, wenn er fertig ist."),
        )
        return redirect(post)


class PostUpdateView(PostAuthorRequiredMixin, PostFormMixin, UpdateView):
    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def form_valid(self, form):
        post = self.save_through(
            form, lambda **fields: services.update_post(post=self.object, **fields)
        )
        if post is None:
            return self.form_invalid(form)
        messages.success(self.request, _("Der Beitrag ist gespeichert."))
        return redirect(post)


@method_decorator(rate_limit("post", limit=20, period=60), name="dispatch")
class PostSubmitView(PostAuthorRequiredMixin, DetailView):
    """GET asks for confirmation, POST submits the post for moderation."""

    template_name = "posts/post_confirm_submit.html"

    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def post(self, request, *args, **kwargs):
        post = self.get_object()
        try:
            services.submit_post(post=post, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("posts:update", slug=post.slug)
        messages.success(
            request,
            _("Der Beitrag ist eingereicht. Die Koordination prüft ihn und gibt ihn frei."),
        )
        return redirect("posts:mine")


class PostDeleteView(PostAuthorRequiredMixin, DetailView):
    """GET asks for confirmation, POST deletes the draft."""

    template_name = "posts/post_confirm_delete.html"

    def get_queryset(self):
        return Post.objects.of_user(self.request.user).filter(status__in=Post.EDITABLE)

    def post(self, request, *args, **kwargs):
        post = self.get_object()
        services.delete_post(post=post, by=request.user)
        messages.success(request, _("„%(title)s“ ist gelöscht.") % {"title": post.title})
        return redirect("posts:mine")


class ModerationQueueView(CoordinatorRequiredMixin, ListView):
    template_name = "posts/post_moderation.html"

    def get_queryset(self):
        return Post.objects.awaiting_moderation().select_related("organisation", "author")


class PostPublishView(CoordinatorRequiredMixin, DetailView):
    template_name = "posts/post_confirm_publish.html"

    def get_queryset(self):
        return Post.objects.awaiting_moderation().select_related("organisation", "author")

    def post(self, request, *args, **kwargs):
        post = services.publish_post(post=self.get_object(), by=request.user)
        messages.success(request, _("„%(title)s“ ist veröffentlicht.") % {"title": post.title})
        return redirect("posts:moderation")


class PostRejectView(CoordinatorRequiredMixin, FormView):
    template_name = "posts/post_confirm_reject.html"
    form_class = RejectForm

    @cached_property
    def post_object(self):
        return get_object_or_404(
            Post.objects.awaiting_moderation().select_related("organisation", "author"),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.post_object, **kwargs)

    def form_valid(self, form):
        post = services.reject_post(
            post=self.post_object, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            self.request,
            _(
                "„%(title)s“ ist abgelehnt; die Verfasserin oder der Verfasser erhält den Grund per E-Mail."
            )
            % {"title": post.title},
        )
        return redirect("posts:moderation")

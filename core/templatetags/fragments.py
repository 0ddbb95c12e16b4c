"""{% fragment name "app another_app" [vary …] [clock] [local] %}…{% endfragment %}

Keeps the enclosed HTML until a table of one of the named apps is written
(core/fragments.py). `vary`: further values the HTML depends on (a page number, a
filter); `clock` at the end: the HTML changes with time too (upcoming meetings), so
it is kept for PAGE_CACHE_TIMEOUT at most; `local` at the end: kept in each process
only, not in the shared cache (many variants, each cheap: the page's header). A
vary value of None: rendered, not kept. Querysets used only inside the block are not
evaluated when the fragment is found.
"""

from django import template

from core.fragments import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, app_labels, vary, clock, local):
        self.nodelist = nodelist
        self.name = name
        self.app_labels = app_labels
        self.vary = vary
        self.clock = clock
        self.local = local

    def render(self, context):
        return cached_fragment(
            self.name.resolve(context),
            self.app_labels.resolve(context).split(),
            lambda: self.nodelist.render(context),
            vary=[value.resolve(context) for value in self.vary],
            clock=self.clock,
            local=self.local,
        )


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()[1:]
    flags = set()
    while bits and bits[-1] in ("clock", "local"):
        flags.add(bits.pop())
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% fragment %} braucht einen Namen und die Apps, deren Daten es zeigt."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, app_labels, *vary = (parser.compile_filter(bit) for bit in bits)
    return FragmentNode(nodelist, name, app_labels, vary, "clock" in flags, "local" in flags)

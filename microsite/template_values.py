"""What a template's expression may write, as far as the template's own constants say: read for the addresses it
writes itself (see ``template_text``).

An address is judged by how it begins (its scheme, its host, a slash at the
host's root), so an expression is read for each text it may begin with:
whole, or up to where a value the template is given stands (a page's link,
``asset('x')``: what code gives is checked where it comes from). Jinja's own
folding of constants gives a text whole (``"ht" ~ "tps://"``, ``{"a":
"https://x"}["a"]``, ``"%s://x" % "https"``, ``|replace``, ``|format``), and
so does a string's method called with constants (``"{}://x".format("https")``);
a name gives what the template sets it to (:func:`names_given`), and so does
its item (``d.u``, ``d["u"]``, ``ns.u``, of a dict or a namespace it makes); either side of
an ``if``, an ``or`` and a ``|default`` may be written. Pieces are joined as
written (``"java" ~ "script:"`` is ``javascript:``, where each alone was
read as harmless).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import jinja2
from jinja2 import nodes

LIMIT = 64  # texts kept for one address: a template's own branches are few, and a product of them grows fast
# Filters that keep how a text begins, but for its case (a scheme and a host are read in any case) or spaces
_KEEPING = frozenset({"e", "escape", "forceescape", "lower", "safe", "string", "trim", "upper", "urlencode"})
_STRING_METHODS = frozenset({"format", "replace", "lower", "upper", "strip", "lstrip", "rstrip", "join"})


@dataclass(frozen=True)
class Written:
    """A text an expression may write: ``whole``, or followed by what code gives (unknown here); ``first``, the
    constant it begins with, and ``line``, the line that constant was set on (0: in the expression itself)."""

    text: str
    whole: bool = True
    first: object = None
    line: int = 0


UNKNOWN = Written("", whole=False)
Given = dict[str, list[tuple[nodes.Node, int]]]


def written(node: nodes.Node, given: Given, context: nodes.EvalContext, line: int = 0,
            named: frozenset[str] = frozenset()) -> list[Written]:
    """The texts expression ``node`` may write (see the module), each with the constant it begins with."""
    folded = _folded(node, context)
    if folded is not None:
        return [Written(folded, True, _beginning(node, folded), line)]

    def more(inner: nodes.Node) -> list[Written]:
        return written(inner, given, context, line, named)

    if isinstance(node, (nodes.Getattr, nodes.Getitem)) and isinstance(node.node, nodes.Name):
        return _looked_up(node, given, context, line, named)
    if isinstance(node, nodes.Name):
        if node.name not in given or node.name in named:
            return [UNKNOWN]
        return _capped([each for value, where in given[node.name]
                        for each in written(value, given, context, where, named | {node.name})])
    if isinstance(node, (nodes.Concat, nodes.Output)):
        return joined([more(part) for part in node.nodes])
    if isinstance(node, nodes.Add):
        return joined([more(node.left), more(node.right)])
    if isinstance(node, nodes.CondExpr):
        return _capped(more(node.expr1) + (more(node.expr2) if node.expr2 is not None else [Written("")]))
    if isinstance(node, (nodes.Or, nodes.And)):
        return _capped(more(node.left) + more(node.right))
    if isinstance(node, (nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
        return more(node.expr)
    if isinstance(node, nodes.Filter) and node.node is not None:
        if node.name in ("default", "d"):
            return _capped(more(node.node) + (more(node.args[0]) if node.args else []))
        if node.name in _KEEPING:
            return more(node.node)
    return [UNKNOWN]


def _looked_up(node: nodes.Getattr | nodes.Getitem, given: Given, context: nodes.EvalContext, line: int,
               named: frozenset[str]) -> list[Written]:
    """What ``d.u``, ``d["u"]`` or ``ns.u`` writes, where the template gives ``d`` a dict (``{% set d = {"u":
    ...} %}``, ``namespace(u=...)``) or sets ``ns.u`` itself."""
    name = node.node.name
    attribute = f"{name}.{node.attr}" if isinstance(node, nodes.Getattr) else ""
    if attribute in given and attribute not in named:
        return _capped([each for value, where in given[attribute]
                        for each in written(value, given, context, where, named | {attribute})])
    if name not in given or name in named:
        return [UNKNOWN]
    found = []
    for value, where in given[name]:
        lookup = copy.copy(node)
        lookup.node = value
        found.extend(written(lookup, given, context, where, named | {name}))
    return _capped(found)


def joined(pieces: list[list[Written]]) -> list[Written]:
    """The texts of ``pieces`` written one after another: each of the first's with each of the next's, up to a
    text not whole (what follows it is not known)."""
    found = [Written("")]
    for piece in pieces:
        found = _capped([before if not before.whole else
                         Written(before.text + after.text, after.whole, before.first if before.text else after.first,
                                 before.line if before.text else after.line)
                         for before in found for after in (piece if before.whole else [before])])
    return found


def names_given(tree: nodes.Template) -> Given:
    """What the template ``tree`` gives each name, with the line it does so on: ``{% set %}`` (of a block too), a
    loop over a literal list (of tuples too), ``{% with %}``, a macro's default and what a call of that macro
    passes it."""
    given: Given = {}

    def give(target: nodes.Node, value: nodes.Node, line: int) -> None:
        if isinstance(target, nodes.NSRef):  # {% set ns.u = ... %}
            given.setdefault(f"{target.name}.{target.attr}", []).append((value, line))
        elif isinstance(target, nodes.Name):
            given.setdefault(target.name, []).append((_as_dict(value), line))
        elif isinstance(target, nodes.Tuple) and isinstance(value, (nodes.Tuple, nodes.List)):
            for name, item in zip(target.items, value.items):
                give(name, item, line)

    for assigned in tree.find_all(nodes.Assign):
        give(assigned.target, assigned.node, assigned.lineno)
    for block in tree.find_all(nodes.AssignBlock):
        give(block.target, _written_by(block.body), block.lineno)
    for loop in tree.find_all(nodes.For):
        for item in loop.iter.items if isinstance(loop.iter, (nodes.List, nodes.Tuple)) else ():
            give(loop.target, item, loop.lineno)
    for scope in tree.find_all(nodes.With):
        for target, value in zip(scope.targets, scope.values):
            give(target, value, scope.lineno)
    macros = {macro.name: macro for macro in tree.find_all(nodes.Macro)}
    for macro in macros.values():
        for argument, default in zip(macro.args[len(macro.args) - len(macro.defaults):], macro.defaults):
            give(argument, default, macro.lineno)
    for call in tree.find_all(nodes.Call):
        macro = macros.get(call.node.name) if isinstance(call.node, nodes.Name) else None
        for argument, value in zip(macro.args if macro else (), call.args):
            give(argument, value, call.lineno)
        for keyword in call.kwargs if macro else ():
            give(nodes.Name(keyword.key, "param"), keyword.value, call.lineno)
    return given


def _as_dict(value: nodes.Node) -> nodes.Node:
    """``namespace(u=...)`` or ``dict(u=...)`` as the dict it makes (looked up as one: ``ns.u``), else ``value``."""
    if (isinstance(value, nodes.Call) and isinstance(value.node, nodes.Name) and value.node.name in ("namespace", "dict")
            and not value.args and value.dyn_args is None and value.dyn_kwargs is None):
        return nodes.Dict([nodes.Pair(nodes.Const(keyword.key), keyword.value) for keyword in value.kwargs])
    return value


def _written_by(body: list[nodes.Node]) -> nodes.Node:
    """What a block ``{% set %}`` gives its name: what its body writes, up to a statement (a branch, a loop),
    whose output is not known."""
    parts = []
    for node in body:
        if not isinstance(node, nodes.Output):
            parts.append(nodes.Name("", "load"))  # (a name no template gives: what follows is not known)
            break
        parts.extend(node.nodes)
    return nodes.Concat(parts)


def _folded(node: nodes.Node, context: nodes.EvalContext) -> str | None:
    """The text ``node`` writes where its constants alone make it (as Jinja folds them), or None."""
    try:
        value = node.as_const(context)
    except Exception:  # (Impossible, or what a filter raises on what it is given)
        value = _called(node, context)
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _beginning(node: nodes.Node, folded: str) -> object:
    """The constant of ``node`` that its text ``folded`` begins with (where the text is found), or its first."""
    constants = [node] if isinstance(node, nodes.Const) else list(node.find_all(nodes.Const))
    for constant in constants:
        if str(constant.value) and folded.startswith(str(constant.value)):
            return constant.value
    return constants[0].value if constants else folded


def _called(node: nodes.Node, context: nodes.EvalContext) -> object:
    """What a string's method called with constants returns (``"{}://x".format("https")``), or None."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr)
            and node.node.attr in _STRING_METHODS and node.dyn_args is None and node.dyn_kwargs is None):
        return None
    owner = _folded(node.node.node, context)
    if owner is None:
        return None
    try:
        return getattr(owner, node.node.attr)(*(argument.as_const(context) for argument in node.args),
                                              **{keyword.key: keyword.value.as_const(context)
                                                 for keyword in node.kwargs})
    except Exception:
        return None


def _capped(found: list[Written]) -> list[Written]:
    return list(dict.fromkeys(found))[:LIMIT]


def parse_expression(code: str, environment: jinja2.Environment) -> list[nodes.Node] | None:
    """The nodes the expression ``code`` (``{{ ... }}``) writes, or None where it does not parse (reported where
    the template is compiled)."""
    try:
        tree = environment.parse(code)
    except jinja2.TemplateSyntaxError:
        return None
    return [node for output in tree.find_all(nodes.Output) for node in output.nodes]

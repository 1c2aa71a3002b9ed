"""Record authority: a department says only what it decided itself (docs/collection.md, "谁能报送什么").

A record names the body that decided it (处罚机关代码 CF_CFJGDM, 许可机关代码 XK_XKJGDM, 实施机关代码 …) and the body
the data comes from (数据来源单位代码 CF_SJLYDM, XK_LYDWDM). Both must be the delivering organisation itself or one of
its own sub-units: otherwise one department's token could publish decisions in another's name, and the same decision
would then stand twice on the public file under two sources.

The one exception is a *declared relay* (代报单位) of the catalog item: a county's 发改委 delivering the decisions of
its county's bodies, or the big-data bureau relaying for the city. A relay may name any body registered inside its
own area — the region code in positions 3–8 of the body's unified social credit code (GB 32100) — and no other.
"""

from dataclasses import dataclass

from publiccredit.organizations.models import Organization, Region
from publiccredit.organizations.reference import ZONE_HOST_COUNTY

CHECKED_ROLES = ("authority_code", "source_code")


@dataclass(frozen=True)
class AuthorityRule:
    """Which decision-body codes one provider may deliver for one item."""

    provider_name: str
    own_codes: frozenset[str]
    relay_regions: frozenset[str]  # empty: not a relay for this item
    relay_area: str  # the relay's area, named in messages
    known: dict  # code → name of every organisation on the platform, to name the one a row claims

    @property
    def is_relay(self) -> bool:
        return bool(self.relay_regions)

    def allows(self, code: str) -> bool:
        return code in self.own_codes or (self.is_relay and code[2:8] in self.relay_regions)

    def problem(self, label: str, code: str) -> str | None:
        """The Chinese reason a row naming ``code`` in the field ``label`` is refused, or None."""
        if self.allows(code):
            return None
        owner = self.known.get(code)
        whose = f"是{owner}的代码" if owner else "不是本单位的代码"
        if self.is_relay:
            return (f"{label}“{code}”{whose}，且不在本单位可代报的区划（{self.relay_area}）内："
                    f"{self.provider_name}只能报送本单位或{self.relay_area}各机关作出的决定")
        hint = "，请由该单位报送" if owner else ""
        return f"{label}“{code}”{whose}：{self.provider_name}只能报送本单位作出的决定{hint}"


def _codes_below(model, root) -> set[str]:
    """The code of ``root`` and of everything under it by ``parent`` (organisations or regions)."""
    codes, frontier = {root.code}, [root.pk]
    while frontier:
        children = list(model.objects.filter(parent_id__in=frontier).values_list("pk", "code"))
        frontier = [pk for pk, _code in children]
        codes.update(code for _pk, code in children)
    return codes


def _area_region_codes(region: Region) -> set[str]:
    """The GB/T 2260 codes a body of ``region`` can carry in its USCC: the region, its children, a zone's host."""
    codes = _codes_below(Region, region)
    return {ZONE_HOST_COUNTY.get(code, code) for code in codes} | codes


def authority_rule(item, provider: Organization) -> AuthorityRule:
    is_relay = item.relay_providers.filter(pk=provider.pk).exists()
    regions = frozenset(_area_region_codes(provider.region)) if is_relay else frozenset()
    return AuthorityRule(provider_name=provider.name, own_codes=frozenset(_codes_below(Organization, provider)),
                         relay_regions=regions, relay_area=provider.region.name if is_relay else "",
                         known=dict(Organization.objects.values_list("code", "name")))

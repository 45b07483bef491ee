/** The options page's "Waar je bij hoort": every place a person is put, and the school accounts they sign in with. */
const nl = {
  "places.title": "Waar je bij hoort",
  "places.intro": "Dit bepaalt wat je ziet en met wie je deelt. Een beheerder kan je aan een school, opleiding of gemeenschap toevoegen.",
  "places.school": "School",
  "places.institute": "Opleiding",
  "places.community": "Gemeenschap",
  "places.role.member": "lid",
  "places.role.coordinator": "coördinator",
  "places.role.owner": "eigenaar",
  "places.none": "Je hoort nog bij geen school of opleiding: je ziet wat in het netwerk en openbaar gedeeld is.",
  "places.accounts": "Schoolaccounts waarmee je inlogt",
  "places.accountAt": "{provider} — {organisation}",
  "places.roles": "Rollen: {roles}",
} as const;

const en: Record<keyof typeof nl, string> = {
  "places.title": "Where you belong",
  "places.intro": "This decides what you see and whom you share with. An administrator can add you to a school, institute or community.",
  "places.school": "School",
  "places.institute": "Institute",
  "places.community": "Community",
  "places.role.member": "member",
  "places.role.coordinator": "coordinator",
  "places.role.owner": "owner",
  "places.none": "You belong to no school or institute yet: you see what is shared with the network and publicly.",
  "places.accounts": "School accounts you sign in with",
  "places.accountAt": "{provider} — {organisation}",
  "places.roles": "Roles: {roles}",
};

export const places = { nl, en };

/**
 * What a person types to confirm deleting their account: their e-mail address, or their name when they
 * sign in with a school account that gave none.
 */
export const deletionConfirmation = (user: { email: string | null; name: string }) => (user.email ?? user.name).trim().toLowerCase();


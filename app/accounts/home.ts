/** Where a signed-in person lands: her own work first. */
export function homeFor(user: { status: string; roles: readonly string[] }): string {
  if (user.status !== 'approved') return '/account/pending';
  if (user.roles.includes('coordinator') || user.roles.includes('admin')) return '/coordinate';
  if (user.roles.includes('facilitator')) return '/facilitate';
  return '/account';
}

/**
 * Password of the demo users that `npm start` creates and prints, so a newcomer can log in. It is public, so it
 * is accepted for logging in to the demo accounts but refused as anyone's new password (accounts/policy.ts).
 */
export const DEMO_PASSWORD = 'Luoshi-demo-2026';

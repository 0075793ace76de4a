// What an e-mail waiting in the outbox records when no relay is configured; the channels page
// shows it in the reader's language (notifications.channels.emailNotConfigured).
export const EMAIL_NOT_CONFIGURED = "E-mail is not configured (MUSTER_SMTP_HOST is unset)";

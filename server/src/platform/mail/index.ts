/** Outgoing mail: SMTP over nodemailer, the SMTP password at rest, the auto-reply's templates. */
export {
  decryptSecret,
  encryptSecret,
  MailCredentialsError,
  mailCredentialsKey,
  missingKeyMessage,
} from './credentials.ts';
export { fillTemplate, oneLine } from './template.ts';
export {
  MailSendError,
  type OutgoingMessage,
  SMTP_TIMEOUTS,
  type SmtpSettings,
  sendSmtpMail,
  toMailSendError,
} from './transport.ts';

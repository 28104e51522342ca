package org.stackbridge.gateway.notice;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Properties;
import org.stackbridge.core.port.Notices;
import org.stackbridge.gateway.config.NoticesConfig;

/**
 * E-mail over SMTP with Angus Mail (Jakarta Mail): STARTTLS and login as configured, and connect, read and write
 * timeouts, so a server that refuses or hangs costs the notices job (on its own thread) at most the timeout per
 * message and never touches circulation. The Message-ID is the notice's own, the same on every attempt.
 */
public final class SmtpNoticeMailer implements NoticeMailer {

    private final Session session;
    private final InternetAddress from;

    public SmtpNoticeMailer(NoticesConfig.Smtp smtp, String from) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        String timeout = String.valueOf(smtp.timeoutSeconds() * 1000L);
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        if (smtp.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        boolean auth = smtp.user() != null && !smtp.user().isBlank();
        p.put("mail.smtp.auth", String.valueOf(auth));
        this.session = auth ? Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.user(), smtp.password() == null ? "" : smtp.password());
            }
        }) : Session.getInstance(p);
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("notices.from: not an e-mail address: " + from, e);
        }
    }

    @Override
    public void send(Notices.NoticeRecord n) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", n.messageId());
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(n.recipient(), true));
        m.setSubject(n.subject(), "UTF-8");
        m.setSentDate(Date.from(n.createdAt()));
        if (n.html() == null) {
            m.setText(n.text(), "UTF-8");
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(n.text(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(n.html(), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            m.setContent(alternative);
        }
        m.saveChanges();
        Transport.send(m);
    }
}

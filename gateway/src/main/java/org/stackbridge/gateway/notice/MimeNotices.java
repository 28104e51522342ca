package org.stackbridge.gateway.notice;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import org.stackbridge.core.port.Notices;

/** A notice as an e-mail message (Angus Mail), the same for SMTP and the mail folder: its own Message-ID on every attempt. */
final class MimeNotices {

    private MimeNotices() {
    }

    static InternetAddress sender(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("notices.from: not an e-mail address: " + from, e);
        }
    }

    /** The message, ready to send or write: plain text, or plain text and HTML as alternatives. */
    static MimeMessage message(Session session, InternetAddress from, Notices.NoticeRecord n) throws MessagingException {
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
        return m;
    }
}

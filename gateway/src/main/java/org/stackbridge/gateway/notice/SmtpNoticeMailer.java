package org.stackbridge.gateway.notice;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.Notices;
import org.stackbridge.gateway.config.NoticesConfig;

/**
 * E-mail over SMTP with Angus Mail (Jakarta Mail): STARTTLS and login as configured, and connect, read and write
 * timeouts, so a server that refuses or hangs costs the notices job (on its own threads) at most the timeout per
 * message and never touches circulation. A {@link Connection} connects once ({@code Transport.connect}) and sends
 * many messages over that session ({@code sendMessage}); a connection that broke is closed and opened again at the
 * next message, and a message that failed on a connection used before (the server may have dropped it while idle) is
 * tried once more on a new one. The Message-ID is the notice's own, the same on every attempt.
 */
public final class SmtpNoticeMailer implements NoticeMailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpNoticeMailer.class);

    private final Session session;
    private final InternetAddress from;
    private final Duration timeout;

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
        this.from = MimeNotices.sender(from);
        this.timeout = Duration.ofSeconds(smtp.timeoutSeconds());
    }

    /** The longest one message can take on a server that hangs: connect, write and read timeouts. */
    public Duration worstSend() {
        return timeout.multipliedBy(3);
    }

    @Override
    public Connection connect() {
        return new SmtpConnection();
    }

    private final class SmtpConnection implements Connection {

        private Transport transport;
        private int sentOnIt;

        @Override
        public void send(Notices.NoticeRecord n) throws MessagingException {
            MimeMessage m = MimeNotices.message(session, from, n);
            boolean reused = transport != null && sentOnIt > 0;
            try {
                deliver(m);
            } catch (SendFailedException e) {
                // the server refused this message's addresses; the session itself is fine
                throw e;
            } catch (MessagingException e) {
                close();
                if (!reused) {
                    throw e;
                }
                LOG.debug("notices: SMTP connection broke after {} message(s), sending again on a new one: {}", sentOnIt, e.toString());
                try {
                    deliver(m);
                } catch (MessagingException again) {
                    close();
                    throw again;
                }
            }
        }

        private void deliver(MimeMessage m) throws MessagingException {
            if (transport == null) {
                Transport t = session.getTransport();
                t.connect();
                transport = t;
                sentOnIt = 0;
            }
            transport.sendMessage(m, m.getAllRecipients());
            sentOnIt++;
        }

        @Override
        public void close() {
            Transport t = transport;
            transport = null;
            sentOnIt = 0;
            if (t != null) {
                try {
                    t.close();
                } catch (MessagingException e) {
                    LOG.debug("notices: closing the SMTP connection: {}", e.toString());
                }
            }
        }
    }
}

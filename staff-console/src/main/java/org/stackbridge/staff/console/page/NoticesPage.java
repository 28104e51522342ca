package org.stackbridge.staff.console.page;

import java.util.List;
import org.stackbridge.staff.resource.NoticesResource.NoticeView;

/**
 * {@code /console/notices}: the notices recorded (sent, pending or failed), filtered by patron, type and state, newest
 * first, and for admins the button that runs the notices job now.
 */
public record NoticesPage(Chrome chrome, List<NoticeView> notices, long total, String patron, String type, String state,
                          List<String> types, boolean mayRun, Notice notice) {
    public NoticesPage {
        notices = List.copyOf(notices);
        types = List.copyOf(types);
    }
}

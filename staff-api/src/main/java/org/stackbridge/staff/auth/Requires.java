package org.stackbridge.staff.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.stackbridge.core.model.StaffPermission;

/** The permission a resource method needs; the role of the logged-in staff member must grant it (else 403). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    StaffPermission value();
}

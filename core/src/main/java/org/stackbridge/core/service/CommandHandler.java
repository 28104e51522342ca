package org.stackbridge.core.service;

import org.stackbridge.core.command.Command;
import org.stackbridge.core.outcome.Outcome;

/** Decides one kind of command inside a transaction. */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {
    Outcome<R> handle(C command, EngineTx tx);
}

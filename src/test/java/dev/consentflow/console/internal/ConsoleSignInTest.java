package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;

class ConsoleSignInTest {

    private final PasswordEncoder console = new ConsoleSecurity().consolePasswordEncoder();

    @Test
    void theUnknownAddressHashCostsWhatAConsoleUsersHashCosts() {
        String usersHash = console.encode("a console user's password");
        // bcrypt's "$2a$NN$": the same variant and cost, so checking either is one hash of the same work.
        assertThat(ConsoleSignIn.UNKNOWN_USER_HASH.substring(0, 7)).isEqualTo(usersHash.substring(0, 7));
        assertThat(ConsoleSignIn.UNKNOWN_USER_HASH).hasSize(usersHash.length());
        assertThat(console.upgradeEncoding(ConsoleSignIn.UNKNOWN_USER_HASH)).isFalse();
        assertThat(console.matches("", ConsoleSignIn.UNKNOWN_USER_HASH)).isFalse();
    }

    @Test
    void anUnknownAddressCostsOneHashAgainstTheWrittenOneAndIsRefused() {
        ConsoleUserRepository users = mock(ConsoleUserRepository.class);
        when(users.findActiveByEmail("nobody@example.org")).thenReturn(Optional.empty());
        LoginThrottle throttle = mock(LoginThrottle.class);
        PasswordEncoder passwords = spy(console);
        ConsoleSignIn signIn = new ConsoleSignIn(users, passwords, throttle, mock(ConsoleAudit.class));

        assertThatThrownBy(() -> signIn.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("Nobody@example.org", "a guess")))
                .isInstanceOf(BadCredentialsException.class);
        verify(passwords).matches("a guess", ConsoleSignIn.UNKNOWN_USER_HASH);
        verify(passwords, never()).encode(any());
        verify(throttle).failed("nobody@example.org", "unknown");
    }
}

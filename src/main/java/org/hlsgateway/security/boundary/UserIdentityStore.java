package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import org.hlsgateway.security.entity.User;

/** Checks user name and password against the users in the database; the role becomes the group. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    @Inject
    UserService users;

    @Inject
    Passwords passwords;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String password = login.getPasswordAsString();
        if (password == null || password.length() > Passwords.MAX_LENGTH) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<User> user = users.find(login.getCaller());
        if (user.isEmpty() || !user.get().isEnabled()
                || !passwords.verify(user.get().getUsername(), password, user.get().getPasswordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.get().getUsername(), Set.of(user.get().getRole().roleName()));
    }
}

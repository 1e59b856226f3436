import * as oidc from 'openid-client';
import { StrataError } from '@strata/modules/errors';
import type { OidcIdentity } from './oidc-accounts.js';

/** How Strata signs users in at one OpenID provider (from OIDC_* and PUBLIC_URL). */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Sent as HTTP Basic (client_secret_basic); none for a public client. */
  clientSecret: string | undefined;
  scopes: string;
  /** The callback the provider redirects to: PUBLIC_URL + `/auth/oidc/callback`. */
  redirectUri: string;
  usernameClaim: string;
  allowSignup: boolean;
  /** Talk to an http:// provider (development and tests only; OIDC_ALLOW_INSECURE). */
  allowInsecure: boolean;
}

/** What the callback needs to check the provider's answer; kept server-side between the two. */
export interface OidcChallenge {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A provider that does not answer discovery within this many seconds is unavailable. */
const TIMEOUT_S = 10;

/**
 * One OpenID provider, discovered lazily on the first sign-in and then kept; a failed discovery
 * is `oidc.unavailable` (502) and is tried again on the next sign-in. The flow is the
 * authorization code flow with PKCE (S256), state and nonce, all checked by openid-client.
 */
export class OidcProvider {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {}

  /** A fresh challenge and the provider's authorization URL that carries it. */
  async authorization(): Promise<{ url: URL; challenge: OidcChallenge }> {
    const configuration = await this.configuration();
    const challenge = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(challenge.codeVerifier),
      code_challenge_method: 'S256',
      state: challenge.state,
      nonce: challenge.nonce,
    });
    return { url, challenge };
  }

  /**
   * Redeems the code in the callback URL the provider sent the browser to, checking state,
   * nonce, PKCE and the ID token; answers who signed in.
   */
  async identity(callbackUrl: URL, challenge: OidcChallenge): Promise<OidcIdentity> {
    const configuration = await this.configuration();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: challenge.codeVerifier,
        expectedState: challenge.state,
        expectedNonce: challenge.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw codeGrantError(error);
    }
    if (claims === undefined) throw invalidResponse('the token response has no ID token');
    // OpenID Connect Core 2: a subject is at most 255 ASCII characters, as account_identity keeps it.
    if (claims.sub.length > 255) throw invalidResponse('the subject is longer than 255 characters');
    const username = claims[this.settings.usernameClaim];
    const { email, name } = claims;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      ...(typeof username === 'string' && { username }),
      ...(typeof email === 'string' && claims['email_verified'] !== false && { email }),
      ...(typeof name === 'string' && { name }),
    };
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(
        this.settings.issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        this.settings.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(this.settings.clientSecret),
        { timeout: TIMEOUT_S, ...(this.settings.allowInsecure && { execute: [oidc.allowInsecureRequests] }) },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw new StrataError(
          'oidc.unavailable',
          'bad_gateway',
          `The OpenID provider ${this.settings.issuer.href} cannot be reached or its discovery document is not valid: try again later.`,
          { cause: error },
        );
      });
    return this.discovered;
  }
}

/** The provider refused (error=… in the callback, or at the token endpoint) or answered wrongly. */
function codeGrantError(error: unknown): StrataError {
  if (error instanceof oidc.AuthorizationResponseError) {
    const denied = error.error === 'access_denied';
    return new StrataError(
      denied ? 'oidc.access_denied' : 'oidc.provider_error',
      denied ? 'forbidden' : 'invalid',
      `The OpenID provider refused the sign-in: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}.`,
      { details: { error: error.error } },
    );
  }
  if (error instanceof oidc.ResponseBodyError) {
    return new StrataError(
      'oidc.code_rejected',
      'invalid',
      `The OpenID provider did not accept the sign-in code: ${error.error}. Sign in again.`,
      { details: { error: error.error } },
    );
  }
  if (error instanceof oidc.ClientError) return invalidResponse(error.message);
  // fetch's TypeError: the token endpoint did not answer.
  return new StrataError('oidc.unavailable', 'bad_gateway', 'The OpenID provider cannot be reached: try again later.', {
    cause: error,
  });
}

function invalidResponse(why: string): StrataError {
  return new StrataError('oidc.invalid_response', 'bad_gateway', `The OpenID provider's answer is not valid: ${why}.`);
}

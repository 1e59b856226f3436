import { errorCode, useVersioningFixture } from '../testing/index.js';
import { userOfIdentity } from './oidc-accounts.js';
import { OidcProvider } from './oidc-provider.js';
import { finishOidcSignIn, safeReturnTo } from './oidc-sign-in.js';
import { secretHash } from './secrets.js';

const fixture = useVersioningFixture('oidc-sign-in');

// Never contacted: every case below is decided before the provider would be.
const provider = new OidcProvider({
  issuer: new URL('https://idp.invalid'),
  clientId: 'strata',
  clientSecret: 'secret',
  scopes: 'openid',
  redirectUri: 'https://strata.invalid/auth/oidc/callback',
  usernameClaim: 'preferred_username',
  allowSignup: false,
  allowInsecure: false,
});

describe('safeReturnTo', () => {
  it.each([
    ['/datasets/a?tab=1#top', '/datasets/a?tab=1#top'],
    ['/', '/'],
    [undefined, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['datasets', '/'],
    ['/a\nb', '/'],
    ['/\t/evil.example', '/'],
    ['/%E6%97%A5?q=a%20b', '/%E6%97%A5?q=a%20b'],
    ['/日本', '/'],
  ])('%j → %j', (given, expected) => {
    expect(safeReturnTo(given)).toBe(expected);
  });
});

describe('finishing an OIDC sign-in', () => {
  it('refuses a flow that expired, and uses it up', async () => {
    const secret = 'an-expired-flow';
    await fixture.database.transaction((repositories) =>
      repositories.identities.startFlow(
        secretHash(secret),
        { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/', expiresAt: new Date(Date.UTC(2020, 0, 1)) },
        new Date(Date.UTC(2019, 0, 1)),
      ),
    );
    const callback = new URL('https://strata.invalid/auth/oidc/callback?code=c&state=s');
    expect(await errorCode(finishOidcSignIn(fixture.deps, provider, secret, callback))).toBe('oidc.flow_expired');
    expect(await errorCode(finishOidcSignIn(fixture.deps, provider, secret, callback))).toBe('oidc.invalid_state');
  });

  it('creates no user for an unknown identity when sign-up is off', async () => {
    const identity = { issuer: 'https://idp.invalid', subject: 'carol-sub', username: 'carol' };
    const refused = fixture.database.transaction((repositories) =>
      userOfIdentity(repositories, fixture.deps, identity, false),
    );
    expect(await errorCode(refused)).toBe('oidc.signup_disabled');
    expect(await fixture.database.read().accounts.findByLogin('carol')).toBeUndefined();
  });
});

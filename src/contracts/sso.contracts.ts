import { Type, type Static } from '@sinclair/typebox';

export const SsoLoginQuery = Type.Object({
  returnTo: Type.Optional(
    Type.String({ maxLength: 2000, description: 'the page of Cairn to open after signing in (a path, e.g. /changes)' }),
  ),
});
export type SsoLoginQuery = Static<typeof SsoLoginQuery>;

/** What the identity provider sends back (OAuth 2.0 authorization response). */
export const SsoCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  iss: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  session_state: Type.Optional(Type.String({ maxLength: 512 })),
});

/** OpenID Connect Front-Channel Logout 1.0: the provider's session that ended. */
export const FrontChannelLogoutQuery = Type.Object({
  iss: Type.Optional(Type.String({ maxLength: 2000 })),
  sid: Type.Optional(Type.String({ maxLength: 512 })),
});
export type FrontChannelLogoutQuery = Static<typeof FrontChannelLogoutQuery>;

export const Redirect = Type.Null({ description: 'A redirect: see the Location header' });

/** How the login page offers to sign in. */
export const SignInOptions = Type.Object(
  {
    local: Type.Boolean({ description: 'username and password (POST /api/v1/session) are accepted' }),
    provider: Type.Union([
      Type.Object({
        name: Type.String({ description: 'shown as "Sign in with <name>"' }),
        url: Type.String({ description: 'where the browser goes to sign in' }),
      }),
      Type.Null(),
    ]),
  },
  { title: 'SignInOptions' },
);
export type SignInOptions = Static<typeof SignInOptions>;

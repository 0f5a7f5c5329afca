export { SESSION_COOKIE } from '../http/openapi';
export type { Principal } from './principal';
export { CredentialAuthenticator } from './credential-authenticator';
export { PrincipalAdmission } from './principal-admission';
export type { PresentedCredentials } from './credential-authenticator';
export { CurrentPrincipal, principalOf } from './current-principal.decorator';
export { Public } from './public.decorator';
export { Unauthenticated } from './unauthenticated.error';

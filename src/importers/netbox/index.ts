export { netboxImporter } from './netbox.importer.js';
export { DEFAULT_NETBOX_CLASSES, DEFAULT_DEVICE_ROLE_CLASSES, NETBOX_KINDS } from './netbox-mapping.js';
export { modelOfEndpoint } from './netbox-records.js';

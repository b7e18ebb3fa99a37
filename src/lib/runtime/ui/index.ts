// The customer UI in plain DOM (the embed element and the studio's "test as a customer" panel).
export { mountConfiguratorUI, type MountOptions, type MountedConfiguratorUI } from './mount.js';
export { messagesFor, type UiMessages } from './messages.js';
export {
	readUpload,
	uploadFormatOf,
	acceptOf,
	objectUrlUpload,
	type StoreUpload
} from './upload.js';

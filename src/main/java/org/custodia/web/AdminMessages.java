package org.custodia.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Texts of the administrators' pages ({@code {admin:…}}; messages/admin_*.properties). */
@MessageBundle(value = "admin", locale = "zh-CN")
public interface AdminMessages {
  @Message
  String nav();

  @Message
  String navLabel();

  @Message
  String navStatus();

  @Message
  String navUnits();

  @Message
  String navUsers();

  @Message
  String navOfficers();

  @Message
  String navDevices();

  @Message
  String navStations();

  @Message
  String crumbs();

  @Message
  String factsTitle();

  @Message
  String unit();

  @Message
  String reason();

  @Message
  String copy();

  @Message
  String copied();

  @Message
  String search();

  @Message
  String never();

  @Message
  String auxiliary();

  @Message
  String current();

  @Message
  String filterLabel();

  @Message
  String allStates();

  @Message
  String colActions();

  @Message
  String colName();

  @Message
  String colState();

  @Message
  String colRole();

  @Message
  String errorRequired();

  @Message
  String errorTooLong();

  @Message
  String errorPadded();

  @Message
  String errorUnit();

  @Message
  String errorTime();

  @Message
  String errorDate();

  @Message
  String stationsTitle();

  @Message
  String stationsLead();

  @Message
  String healthTitle();

  @Message
  String stationsEmpty();

  @Message
  String colStation();

  @Message
  String colToken();

  @Message
  String colLastContact();

  @Message
  String colToday();

  @Message
  String colOpenFailed();

  @Message
  String colOffsets();

  @Message
  String tokenActive();

  @Message
  String tokenRevoked();

  @Message
  String issuedAt(String at);

  @Message
  String uploadsCount(long count);

  @Message
  String receiving(long count);

  @Message
  String failed(long count);

  @Message
  String offsetMs(Long ms);

  @Message
  String rotate();

  @Message
  String reissue();

  @Message
  String revoke();

  @Message
  String rotateConfirm(String name);

  @Message
  String revokeConfirm(String name);

  @Message
  String healthNote();

  @Message
  String registerTitle();

  @Message
  String stationName();

  @Message
  String location();

  @Message
  String registerButton();

  @Message
  String issuedTitle(String name);

  @Message
  String issuedOnce();

  @Message
  String serverUrl();

  @Message
  String tusEndpoint();

  @Message
  String token();

  @Message
  String copyToken();

  @Message
  String snippet();

  @Message
  String copySnippet();

  @Message
  String done();

  @Message
  String devicesTitle();

  @Message
  String devicesLead();

  @Message
  String devicesList(int count);

  @Message
  String searchDevices();

  @Message
  String devicesEmpty();

  @Message
  String colSerial();

  @Message
  String colModel();

  @Message
  String colCustodian();

  @Message
  String colSince();

  @Message
  String colClock();

  @Message
  String noCustodian();

  @Message
  String deviceTitle(String serial);

  @Message
  String heldBy(String name, String since);

  @Message
  String noOffset();

  @Message
  String registeredAt();

  @Message
  String custodyHistory();

  @Message
  String noCustody();

  @Message
  String colFrom();

  @Message
  String colTo();

  @Message
  String colRecorded();

  @Message
  String handoverTitle();

  @Message
  String handoverHint();

  @Message
  String newCustodian();

  @Message
  String chooseOfficer();

  @Message
  String handoverFrom();

  @Message
  String handoverButton();

  @Message
  String errorOfficer();

  @Message
  String errorOverlap();

  @Message
  String errorAlreadyCustodian();

  @Message
  String officersTitle();

  @Message
  String officersLead();

  @Message
  String officersList(int count);

  @Message
  String officersEmpty();

  @Message
  String colCertificate();

  @Message
  String colValidity();

  @Message
  String colNextReview();

  @Message
  String cert(String state);

  @Message
  String noCertificate();

  @Message
  String officerLead();

  @Message
  String auxiliaryLead();

  @Message
  String officerRole();

  @Message
  String certHistory();

  @Message
  String noCertHistory();

  @Message
  String colChangedAt();

  @Message
  String colChange();

  @Message
  String colBy();

  @Message
  String changeTitle();

  @Message
  String validFrom();

  @Message
  String validUntil();

  @Message
  String datesKeep();

  @Message
  String reasonRequired();

  @Message
  String changeButton();

  @Message
  String accountTitle();

  @Message
  String accountLead();

  @Message
  String accountNone();

  @Message
  String accountField();

  @Message
  String accountUnlink();

  @Message
  String accountSaved();

  @Message
  String accountButton();

  @Message
  String accountNoUsers();

  @Message
  String accountErrorReason();

  @Message
  String accountErrorUser();

  @Message
  String accountErrorTaken();

  @Message
  String statusTitle();

  @Message
  String statusLead(String at);

  @Message
  String storeTitle();

  @Message
  String objectLock();

  @Message
  String enforced();

  @Message
  String notEnforced();

  @Message
  String objectLockNote();

  @Message
  String signingTitle();

  @Message
  String generation();

  @Message
  String tsa();

  @Message
  String tsaBuiltIn();

  @Message
  String tsaFallback();

  @Message
  String yes();

  @Message
  String no();

  @Message
  String auditTitle();

  @Message
  String treeSize();

  @Message
  String queued();

  @Message
  String lastCheckpoint();

  @Message
  String mediaTitle();

  @Message
  String jobState(String state);

  @Message
  String checksTitle();

  @Message
  String allUp();

  @Message
  String someDown();

  @Message
  String colCheck();

  @Message
  String colData();

  @Message
  String checksNote();

  @Message
  String unitsTitle();

  @Message
  String unitsLead();

  @Message
  String unitsList(int count);

  @Message
  String unitCode();

  @Message
  String unitName();

  @Message
  String newUnit();

  @Message
  String create();

  @Message
  String errorDuplicateUnit();

  @Message
  String usersTitle();

  @Message
  String usersLead();

  @Message
  String usersList(int count);

  @Message
  String username();

  @Message
  String colRoleUnit();

  @Message
  String colAccount();

  @Message
  String role();

  @Message
  String noUnit();

  @Message
  String save();

  @Message
  String enabled();

  @Message
  String disabled();

  @Message
  String you();

  @Message
  String disable();

  @Message
  String enable();

  @Message
  String disableConfirm(String name);

  @Message
  String resetPassword();

  @Message
  String resetConfirm(String name);

  @Message
  String passwordSet(String name);

  @Message
  String passwordOnce();

  @Message
  String newUser();

  @Message
  String initialPassword();

  @Message
  String errorDuplicateUser();

  @Message
  String errorLastAdmin();

  @Message
  String errorSelfLockout();

  @Message
  String errorUnitRequired();

  @Message
  String allUnits();

  @Message
  String nextPage();

  @Message
  String show();

  @Message
  String colHealth();

  @Message
  String reasonIssued();

  @Message
  String reasonRegistered();

  @Message
  String chooseRole();

  @Message
  String chooseUnit();

  @Message
  String cancel();

  @Message
  String newOfficerTitle();

  @Message
  String newOfficerLead();

  @Message
  String registerAuxiliary();

  @Message
  String certificateFields();

  @Message
  String registerOfficerButton();

  @Message
  String registerOfficer();

  @Message
  String errorDuplicateCertificate();

  @Message
  String newDeviceTitle();

  @Message
  String newDeviceLead();

  @Message
  String firstCustodian();

  @Message
  String registerDeviceButton();

  @Message
  String registerDevice();

  @Message
  String errorDuplicateDevice();

  @Message
  String errorCustodian();
}

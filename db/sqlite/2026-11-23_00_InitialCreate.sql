CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Lsoas" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Lsoas" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "LocalAuthorityCode" TEXT NOT NULL,
    "LocalAuthorityName" TEXT NOT NULL,
    "IsInLocalAuthority" INTEGER NOT NULL,
    "ImdScore" REAL NOT NULL,
    "ImdScoreIsEstimated" INTEGER NOT NULL,
    "ImdRank" INTEGER NOT NULL,
    "ImdDecile" INTEGER NOT NULL,
    "NationalQuintile" INTEGER NOT NULL,
    "LocalQuintile" INTEGER NULL,
    "Domains_BarriersToHousingAndServices" INTEGER NOT NULL,
    "Domains_Crime" INTEGER NOT NULL,
    "Domains_Education" INTEGER NOT NULL,
    "Domains_Employment" INTEGER NOT NULL,
    "Domains_Health" INTEGER NOT NULL,
    "Domains_Income" INTEGER NOT NULL,
    "Domains_LivingEnvironment" INTEGER NOT NULL,
    "Population_Aged0To15" INTEGER NOT NULL,
    "Population_Aged16To59" INTEGER NOT NULL,
    "Population_Aged60Plus" INTEGER NOT NULL,
    "Population_Total" INTEGER NOT NULL
);

CREATE TABLE "Manifest" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Manifest" PRIMARY KEY,
    "GeneratorVersion" TEXT NOT NULL,
    "Seed" INTEGER NOT NULL,
    "Population" INTEGER NOT NULL,
    "LocalAuthorityCode" TEXT NOT NULL,
    "ReferenceDate" INTEGER NOT NULL,
    "BuiltAtUtc" TEXT NOT NULL
);

CREATE TABLE "Pcns" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Pcns" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

CREATE TABLE "Practices" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Practices" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Postcode" TEXT NOT NULL,
    "ListSize" INTEGER NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "PublishedImdScore" REAL NULL
);

CREATE TABLE "Patients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Patients" PRIMARY KEY,
    "Pseudonym" TEXT NOT NULL,
    "PracticeCode" TEXT NOT NULL,
    "LsoaCode" TEXT NOT NULL,
    "BirthYear" INTEGER NOT NULL,
    "BirthMonth" INTEGER NOT NULL,
    "Sex" INTEGER NOT NULL,
    "EthnicGroup" INTEGER NOT NULL,
    "DateOfDeath" INTEGER NULL,
    CONSTRAINT "FK_Patients_Lsoas_LsoaCode" FOREIGN KEY ("LsoaCode") REFERENCES "Lsoas" ("Code") ON DELETE CASCADE,
    CONSTRAINT "FK_Patients_Practices_PracticeCode" FOREIGN KEY ("PracticeCode") REFERENCES "Practices" ("Code") ON DELETE CASCADE
);

CREATE TABLE "PcnMemberships" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PcnMemberships" PRIMARY KEY AUTOINCREMENT,
    "PracticeCode" TEXT NOT NULL,
    "PcnCode" TEXT NOT NULL,
    "ValidFrom" INTEGER NOT NULL,
    "ValidTo" INTEGER NULL,
    CONSTRAINT "FK_PcnMemberships_Pcns_PcnCode" FOREIGN KEY ("PcnCode") REFERENCES "Pcns" ("Code") ON DELETE CASCADE,
    CONSTRAINT "FK_PcnMemberships_Practices_PracticeCode" FOREIGN KEY ("PracticeCode") REFERENCES "Practices" ("Code") ON DELETE CASCADE
);

CREATE TABLE "Activities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Activities" PRIMARY KEY,
    "PatientId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Date" INTEGER NOT NULL,
    "LengthOfStayDays" INTEGER NULL,
    CONSTRAINT "FK_Activities_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CareFlags" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CareFlags" PRIMARY KEY,
    "PatientId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "RecordedOn" INTEGER NOT NULL,
    CONSTRAINT "FK_CareFlags_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Conditions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Conditions" PRIMARY KEY,
    "PatientId" INTEGER NOT NULL,
    "Register" INTEGER NOT NULL,
    "SnomedCode" TEXT NOT NULL,
    "OnsetDate" INTEGER NOT NULL,
    CONSTRAINT "FK_Conditions_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Activities_PatientId_Kind_Date" ON "Activities" ("PatientId", "Kind", "Date");

CREATE INDEX "IX_CareFlags_PatientId_Kind" ON "CareFlags" ("PatientId", "Kind");

CREATE INDEX "IX_Conditions_PatientId_Register" ON "Conditions" ("PatientId", "Register");

CREATE INDEX "IX_Conditions_Register_PatientId" ON "Conditions" ("Register", "PatientId");

CREATE INDEX "IX_Lsoas_LocalAuthorityCode_NationalQuintile" ON "Lsoas" ("LocalAuthorityCode", "NationalQuintile");

CREATE INDEX "IX_Patients_LsoaCode_Id" ON "Patients" ("LsoaCode", "Id");

CREATE INDEX "IX_Patients_PracticeCode_Id" ON "Patients" ("PracticeCode", "Id");

CREATE UNIQUE INDEX "IX_Patients_Pseudonym" ON "Patients" ("Pseudonym");

CREATE INDEX "IX_PcnMemberships_PcnCode_ValidFrom" ON "PcnMemberships" ("PcnCode", "ValidFrom");

CREATE INDEX "IX_PcnMemberships_PracticeCode" ON "PcnMemberships" ("PracticeCode");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123200650_InitialCreate', '10.0.15');

COMMIT;

